# `cmake --install` puts Loadstar in the usual places under the prefix (GNUInstallDirs):
#   bin/loadstar, bin/loadstar-workbench
#   share/loadstar/projects/*.loadstar.json               the sample projects
#   share/applications/loadstar.desktop, share/metainfo/loadstar.metainfo.xml
#   share/icons/hicolor/{scalable,NxN}/apps/loadstar.*, share/mime/packages/loadstar.xml
#   share/doc/loadstar/                                   README, licences of the embedded web assets
# (install rules: app/CMakeLists.txt and resources/CMakeLists.txt). CPack makes a Debian
# package of the same tree (scripts/package.sh).

# The binaries link only system libraries: no RPATH in the installed files.
set(CMAKE_SKIP_INSTALL_RPATH ON)

set(LOADSTAR_PACKAGE_MAINTAINER "Loadstar team <loadstar@localhost>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME loadstar)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Loadstar")
set(CPACK_PACKAGE_CONTACT "${LOADSTAR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "workbench for designing and load-testing HTTP APIs")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "workbench for designing and load-testing HTTP APIs
 Loadstar designs typed HTTP endpoints the way FastAPI and Pydantic declare them,
 serves the design from an embedded server (FastAPI-shaped 422 errors, simulated
 latency, CPU work, batching and errors, Swagger UI and ReDoc served offline) and
 load-tests it, or any server on this machine, with live latency percentiles,
 throughput, errors and the server's CPU and memory.
 .
 The loadstar command does everything headless (serve, run, load, check, openapi,
 report); loadstar-workbench is the Qt desktop application.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps works out the library packages from the binaries (Qt, RE2, yaml-cpp,
# OpenSSL, libstdc++); the Qt platform plugins come with libqt6gui6 and the SVG icon
# engine with libqt6svg6, both among them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "chromium | www-browser")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
