# LOADSTAR_SANITIZE: empty, "address;undefined" or "thread" (see CMakePresets.json).
set(LOADSTAR_SANITIZE "" CACHE STRING "Sanitizers to build with")
if(LOADSTAR_SANITIZE)
    list(JOIN LOADSTAR_SANITIZE "," _loadstar_sanitizers)
    add_compile_options(-fsanitize=${_loadstar_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${_loadstar_sanitizers})
endif()
