#!/usr/bin/env bash
# The layer check must fail on each wrong include of tests/fixtures/layers, naming
# the file, the line and the rule, and on nothing else there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
set +e
output=$("$root/scripts/check-layers.sh" "$root/tests/fixtures/layers" 2>&1)
code=$?
set -e
expected="engine/low/upward.cpp:2: low (layer 0) may not include mid (layer 1)
engine/mid/sibling.cpp:2: mid (layer 1) may not include side (layer 1)
engine/side/other.h:2: the engine includes no Qt header
engine/high/top.cpp:2: includes engine/nowhere/, a folder that engine/LAYERS does not place
engine/high/top.cpp:3: the engine includes nothing from widgets/
widgets/view.h:1: widgets/ includes nothing from app/"
if [[ $code -ne 1 ]]; then
    echo "check-layers exited $code, expected 1" >&2
    exit 1
fi
if [[ "$(sort <<<"$output")" != "$(sort <<<"$expected")" ]]; then
    echo "check-layers said:" >&2
    echo "$output" >&2
    echo "expected:" >&2
    echo "$expected" >&2
    exit 1
fi
