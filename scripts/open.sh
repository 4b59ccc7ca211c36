#!/usr/bin/env bash
# Everything on a fresh Debian 12 machine: install what is missing, build, open the workbench.
# Usage: scripts/open.sh [PROJECT]   (default: the Benchmark plan sample)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" default
project="${1:-$root/projects/benchmark-plan.loadstar.json}"
exec "$root/build/default/bin/loadstar" "$project"
