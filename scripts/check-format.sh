#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (config: .clang-format) makes of it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror
