#!/usr/bin/python3
"""Which of the given .cpp files clang-tidy must check again (used by check-tidy.sh).

A file passed clang-tidy once need not be checked again while nothing it reads has
changed: its text, every header it includes from the tree (as the build's ninja deps
list them, generated ones too), its compile command, .clang-tidy, check-tidy.sh and
the clang-tidy version. A stamp holds the hash of all that, written when the file passes.

  tidy-stamps.py select BUILD FILE...  prints "FILE<TAB>KEY" for each file to check
                                       (KEY "-": not built yet, no stamp is written)
  tidy-stamps.py stamp BUILD FILE KEY  records that FILE passed with KEY
"""
import hashlib
import json
import os
import subprocess
import sys


def stamp_path(build, file):
    return os.path.join(build, "tidy-stamps", os.path.relpath(os.path.realpath(file)).replace(os.sep, "%"))


def deps_by_source(build):
    """The files each built source read (ninja's deps log), by the source's real path."""
    out = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True).stdout
    deps, current = {}, None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            current = None
            if "(VALID)" in line or "(STALE)" in line:
                current = []
        elif current is not None and line.strip():
            path = line.strip()
            # System headers are named absolutely; the tree's relative to the build.
            if not current or not path.startswith("/usr/"):
                path = os.path.realpath(os.path.join(build, path))
            if not current:
                deps.setdefault(path, current)
            current.append(path)
    return deps


def select(build, files):
    root = os.path.realpath(os.getcwd())
    commands = {}
    for entry in json.load(open(os.path.join(build, "compile_commands.json"))):
        commands[os.path.realpath(os.path.join(entry["directory"], entry["file"]))] = entry["command"]
    version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True).stdout
    # The checks and the way they are run (check-tidy.sh passes clang-tidy its flags).
    config = open(".clang-tidy", "rb").read() + open("scripts/check-tidy.sh", "rb").read()
    deps = deps_by_source(build)
    hashes = {}

    def content(path):
        if path not in hashes:
            try:
                hashes[path] = hashlib.sha256(open(path, "rb").read()).hexdigest()
            except OSError:
                hashes[path] = "missing"
        return hashes[path]

    for file in files:
        real = os.path.realpath(file)
        read = deps.get(real)
        if read is None:
            print(f"{file}\t-")
            continue
        key = hashlib.sha256()
        for part in (version.encode(), config, commands.get(real, "").encode()):
            key.update(hashlib.sha256(part).digest())
        # The tree's files (sources, headers, generated moc output); system headers
        # change with the packages, which change the compile command's tools rarely.
        for path in sorted(set(read + [real])):
            if path.startswith(root + os.sep) or path.startswith(os.path.realpath(build) + os.sep):
                key.update(f"{path}:{content(path)}\n".encode())
        digest = key.hexdigest()
        try:
            if open(stamp_path(build, file)).read().strip() == digest:
                continue
        except OSError:
            pass
        print(f"{file}\t{digest}")


def stamp(build, file, key):
    if key == "-":
        return
    path = stamp_path(build, file)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write(key + "\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "select":
        select(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 5 and sys.argv[1] == "stamp":
        stamp(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
