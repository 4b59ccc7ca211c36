# Warnings for our own targets only (third-party headers come in as -isystem).
add_library(loadstar_warnings INTERFACE)
target_compile_options(loadstar_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wimplicit-fallthrough -Wformat=2)
option(LOADSTAR_WERROR "Treat warnings as errors" OFF)
if(LOADSTAR_WERROR)
    target_compile_options(loadstar_warnings INTERFACE -Werror)
endif()
