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

# Qt's strictness for our Qt code: no implicit const char*/QByteArray -> QString (a
# string's encoding is said where it is made: QStringLiteral, tr, fromUtf8,
# fromLatin1), no QString -> QUrl (QUrl::fromUserInput or QUrl(text) says how it
# is read), no narrowing argument conversions in signal/slot connects.
# widgets/, the workbench and bench/cockpit take the full set. The Qt tests allow
# string literals only (QT_RESTRICTED_CAST_FROM_ASCII): they compare with
# literals everywhere, and a literal's encoding is never in doubt; a char* or a
# QByteArray still does not turn into a QString unasked.
set(_qt_strict QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY QT_NO_URL_CAST_FROM_STRING
               QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
add_library(loadstar_qt_strict INTERFACE)
target_compile_definitions(loadstar_qt_strict INTERFACE QT_NO_CAST_FROM_ASCII ${_qt_strict})
add_library(loadstar_qt_strict_tests INTERFACE)
target_compile_definitions(loadstar_qt_strict_tests INTERFACE QT_RESTRICTED_CAST_FROM_ASCII ${_qt_strict})
