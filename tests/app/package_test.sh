#!/usr/bin/env bash
# The Debian package, built by CPack from this build tree (no second build), unpacked
# into a scratch root and used from there: `loadstar --version`, `loadstar serve` of
# an installed sample (its /docs and a short load through loopback), and the
# workbench's offscreen start, which must find the installed samples and icon.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
source_dir="$2"
scratch="$(mktemp -d)"
server=""
cleanup() {
    if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
        kill "$server"
        wait "$server" || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# gzip rather than the release's xz: the same files, packed in a fraction of the time.
timeout 240 cpack --config "$build/CPackConfig.cmake" -B "$scratch/out" -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip \
    >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log" >&2; fail "cpack"; }
deb=("$scratch"/out/loadstar_*.deb)
[[ -f "${deb[0]}" ]] || fail "no package in $scratch/out"
echo "ok - built $(basename "${deb[0]}") ($(du -k "${deb[0]}" | cut -f1) KiB)"

depends="$(dpkg-deb -f "${deb[0]}" Depends)"
for library in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6 libre2 \
    libyaml-cpp libssl3; do
    [[ ", $depends" == *", $library"* ]] || fail "Depends lacks $library: $depends"
done
echo "ok - Depends: $depends"

contents="$(dpkg-deb -c "${deb[0]}")"
for file in ./usr/bin/loadstar ./usr/bin/loadstar-workbench ./usr/share/applications/loadstar.desktop \
    ./usr/share/metainfo/loadstar.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/loadstar.svg \
    ./usr/share/icons/hicolor/256x256/apps/loadstar.png ./usr/share/icons/hicolor/16x16/apps/loadstar.png \
    ./usr/share/mime/packages/loadstar.xml ./usr/share/loadstar/projects/benchmark-plan.loadstar.json \
    ./usr/share/doc/loadstar/swagger-ui-dist/LICENSE ./usr/share/doc/loadstar/redoc/LICENSE; do
    grep -q " $file\$" <<<"$contents" || fail "the package lacks $file"
done
echo "ok - the files are in their FHS places"

root="$scratch/root"
dpkg-deb -x "${deb[0]}" "$root"
bin="$root/usr/bin"
if grep -lF "$source_dir" "$bin"/loadstar "$bin"/loadstar-workbench; then
    fail "an installed binary names the source tree ($source_dir)"
fi
desktop-file-validate "$root/usr/share/applications/loadstar.desktop" || fail "desktop entry"
# The id is the desktop file's name, as the issue names it; AppStream prefers reverse-DNS ids.
appstreamcli validate --no-net --override=cid-desktopapp-is-not-rdns=info \
    "$root/usr/share/metainfo/loadstar.metainfo.xml" >/dev/null || fail "AppStream metainfo"
echo "ok - desktop entry and AppStream metainfo validate"

version="$(timeout 10 "$bin/loadstar" --version)"
[[ "$version" =~ ^loadstar\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed \"$version\""
echo "ok - $version"

sample="$root/usr/share/loadstar/projects/benchmark-plan.loadstar.json"
"$bin/loadstar" serve "$sample" --port 0 >"$scratch/serve.out" 2>"$scratch/serve.err" &
server=$!
for _ in $(seq 100); do
    grep -q '^listening on ' "$scratch/serve.out" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || fail "loadstar serve exited: $(cat "$scratch/serve.err")"
    sleep 0.1
done
url="$(sed -n 's/^listening on //p' "$scratch/serve.out" | head -1)"
[[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || fail "no listening line: $(cat "$scratch/serve.out")"
port="${url##*:}"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /docs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
docs="$(timeout 10 cat <&3)"
exec 3<&-
[[ "$docs" == "HTTP/1.1 200 OK"* && "$docs" == *"<title>Benchmark plan - Swagger UI</title>"* ]] ||
    fail "GET /docs: ${docs:0:300}"
load="$(timeout 30 "$bin/loadstar" load "$url/hello" -c 2 -d 5s -n 50 2>&1)" || fail "loadstar load: $load"
[[ "$load" == *"  50 requests in "* ]] || fail "loadstar load: $load"
kill "$server"
wait "$server" || true
server=""
echo "ok - serve of the installed sample answers /docs and 50 requests of loadstar load"

workbench="$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$scratch" timeout 60 "$bin/loadstar" --self-test 2>"$scratch/wb.err")" ||
    fail "the workbench's offscreen start: $workbench $(cat "$scratch/wb.err")"
grep -qF "samples: $root/usr/share/loadstar/projects (benchmark-plan.loadstar.json, bookstore.loadstar.json" \
    <<<"$workbench" || fail "the workbench did not find the installed samples: $workbench"
grep -q '^icon: ok$' <<<"$workbench" || fail "no application icon: $workbench"
echo "ok - the workbench starts offscreen from the package: ${workbench//$'\n'/; }"
