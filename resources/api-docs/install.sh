#!/usr/bin/env bash
# Installs the pinned Swagger UI and ReDoc (package-lock.json) into node_modules here.
# The build runs it when the lock file changes; their files are then embedded into
# the binary (resources/CMakeLists.txt), so the server needs no network at run time.
exec "$(dirname "${BASH_SOURCE[0]}")/../../scripts/npm-install.sh" "$(dirname "${BASH_SOURCE[0]}")"
