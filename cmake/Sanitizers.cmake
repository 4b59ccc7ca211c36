# LOADSTAR_SANITIZE: empty, "address;undefined" or "thread" (see CMakePresets.json).
set(LOADSTAR_SANITIZE "" CACHE STRING "Sanitizers to build with")
if(LOADSTAR_SANITIZE)
    list(JOIN LOADSTAR_SANITIZE "," _loadstar_sanitizers)
    add_compile_options(-fsanitize=${_loadstar_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${_loadstar_sanitizers})
    # GCC warns that TSan does not instrument std::atomic_thread_fence, which Asio uses
    # internally; the warning is about Asio, not our code, and -Werror would stop the build.
    if("thread" IN_LIST LOADSTAR_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-tsan)
    endif()
endif()
