#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build QEMU 10.0.2 with Front Panel's patch series (qemu-patches/*.patch,
# `git format-patch` files applied in name order; none at all builds pristine
# 10.0.2) and print where qemu-system-aarch64 and qemu-system-riscv32 are.
#
# Usage: build-aux/build-qemu.sh [--print-bindir] [--force]
#   (no option)      build if needed, then print the binaries and QEMU_BIN_DIR=
#   --print-bindir   print the bin dir if the current series is built, else
#                    exit 1 without building (for tests)
#   --force          reset the cached source tree even if it holds local
#                    commits or edits (they are lost)
#
# Environment:
#   QEMU_SRC=DIR          use this unpacked qemu-10.0.2 tree as the source
#   QEMU_TARBALL=FILE     use this upstream qemu-10.0.2.tar.xz as the source
#                         (default: Debian's qemu_10.0.2+ds.orig.tar.xz, fetched
#                         with `apt-get source` from bookworm-backports)
#   FRONTPANEL_CACHE=DIR  where the tree, build and binaries live (default:
#                         ${XDG_CACHE_HOME:-$HOME/.cache}/frontpanel)
#   QEMU_PYTHON=FILE      the python configure uses (default /usr/bin/python3)
#
# A clean build takes about 10 minutes on 2 cores, so everything lives in a cache
# outside the clone and is reused:
#   $CACHE/qemu/src    one QEMU tree, a git repository whose first commit
#                      (tag "pristine") is 10.0.2 as unpacked; the series is
#                      applied on top with `git am`. git rewrites only the
#                      files that differ, so ninja rebuilds only what the
#                      patches touch when the series changes.
#   $CACHE/qemu/build  the build directory (out of tree)
#   $CACHE/qemu/bin    symlinks to the binaries of the last successful build
#   $CACHE/qemu/*.stamp what the tree and build currently hold
# The build key is a sha256 over this script, the series and the source; when
# it matches the last successful build we only print the paths.
set -eu

QEMU_VERSION=10.0.2
DEBIAN_ORIG=qemu_10.0.2+ds.orig.tar.xz
DEBIAN_ORIG_SHA256=0901da33844a331bf8b3602b9c1fbd178e60b737c8e3ade678255bd090c9b9f1
BINARIES="qemu-system-aarch64 qemu-system-riscv32 qemu-system-arm"
# qtests the project's test suite runs, with QTEST_QEMU_BINARY pointing at an
# emulator above: the series' own, and QEMU's for the models it changes (those
# are registered for arm-softmmu only).
QTESTS="tests/qtest/gpio-panel-test tests/qtest/bcm2835-gpio-test tests/qtest/sifive-gpio-test tests/qtest/sifive-uart-test tests/qtest/sifive-plic-test tests/qtest/stm32l4x5_gpio-test tests/qtest/microbit-test"
# aarch64-softmmu runs every arm board we target (raspi*, microbit,
# b-l475e-iot01a, virt); riscv32-softmmu has sifive_e. arm-softmmu is here
# for QEMU's own qtests of the 32-bit arm boards, registered for it only.
TARGETS=arm-softmmu,aarch64-softmmu,riscv32-softmmu
# A Debian python3 that sees Debian's meson and pycotap: the python3 first on
# PATH may be another interpreter (pyenv) whose venv would not see them.
PYTHON=${QEMU_PYTHON:-/usr/bin/python3}

prog="build-qemu.sh"
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }

print_bindir=""
force=""
for arg in "$@"; do
    case "$arg" in
    --print-bindir) print_bindir=1 ;;
    --force) force=1 ;;
    -h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
    esac
done

# Name order of the series must not depend on the user's locale.
LC_ALL=C
export LC_ALL

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
top=$(cd "$(dirname "$0")/.." && pwd)
patchdir=$top/qemu-patches

cache=${FRONTPANEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/frontpanel}
base=$cache/qemu
src=$base/src
build=$base/build
bindir=$base/bin
dl=$base/download
# The configure line and the series are passed unquoted below.
case "$base$top" in
*[[:space:]]*) die "the cache ($base) and the clone ($top) must have no blanks in their paths" ;;
esac

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$@" | cut -d' ' -f1
    else
        shasum -a 256 "$@" | cut -d' ' -f1
    fi
}

# The series, in the order git am applies it. An empty folder (or none) means
# pristine 10.0.2.
patches=""
for p in "$patchdir"/*.patch; do
    if [ -f "$p" ]; then
        patches="$patches $p"
    fi
done

# What the source is. A tarball is identified by its hash; a user's tree by
# its path (edits made there later are not noticed: remove $CACHE/qemu).
if [ -n "${QEMU_SRC:-}" ]; then
    [ -d "$QEMU_SRC" ] || die "QEMU_SRC=$QEMU_SRC is not a directory"
    source_id="tree:$(cd "$QEMU_SRC" && pwd)"
elif [ -n "${QEMU_TARBALL:-}" ]; then
    [ -f "$QEMU_TARBALL" ] || die "QEMU_TARBALL=$QEMU_TARBALL is not a file"
    source_id="tarball:$(sha256 "$QEMU_TARBALL")"
else
    source_id="debian:$DEBIAN_ORIG_SHA256"
fi

# This script is part of the key: a changed configure line, target list or
# repair step must give a new build.
series_key=$(cat /dev/null $patches | sha256)
key=$( { cat "$self" /dev/null $patches; echo "$source_id"; } | sha256)

# Is the tree exactly what this script last left there? It is also where the
# series is developed (see qemu-patches/README.md), so it may hold commits or
# edits of someone's that are not in qemu-patches/.
tree_is_ours() {
    [ -d "$src/.git" ] && [ ! -d "$src/.git/rebase-apply" ] &&
        [ "$(git -C "$src" rev-parse HEAD 2>/dev/null)" = "$(cat "$base/head.stamp" 2>/dev/null)" ] &&
        git -C "$src" diff --quiet HEAD 2>/dev/null
}

# Built means: the last successful build had this key, nobody rebuilt the
# binaries since (a developer's ninja run in the cache), and the tree still
# holds just the series.
built() {
    [ "$(cat "$base/key.stamp" 2>/dev/null)" = "$key" ] || return 1
    for b in $BINARIES $QTESTS; do
        [ -x "$bindir/${b##*/}" ] || return 1
        [ -z "$(find "$build/$b" -newer "$base/key.stamp")" ] || return 1
    done
    tree_is_ours
}

report() {
    for b in $BINARIES $QTESTS; do
        echo "$bindir/${b##*/}"
    done
    echo "QEMU_BIN_DIR=$bindir"
}

# Fast path: nothing changed since the last successful build.
if [ -n "$print_bindir" ]; then
    built || exit 1
    echo "$bindir"
    exit 0
fi
if built; then
    report
    exit 0
fi

mkdir -p "$base"
# Two builds at once (two clones, parallel test jobs) would fight over one
# tree; the second waits, then finds the work done.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$base/lock"
    flock 9
    if built; then
        report
        exit 0
    fi
fi

# Download Debian's upstream tarball. apt-get source also asks for the .dsc
# and .debian.tar.xz, which the archive answers 404 for this backport: it
# exits non-zero although the tarball arrived, so we judge by the file.
fetch_debian_tarball() {
    mkdir -p "$dl"
    tarball=$dl/$DEBIAN_ORIG
    if [ -f "$tarball" ] && [ "$(sha256 "$tarball")" = "$DEBIAN_ORIG_SHA256" ]; then
        return 0
    fi
    say "downloading $DEBIAN_ORIG with apt-get source"
    (cd "$dl" && apt-get source --download-only -t bookworm-backports qemu) \
        >"$dl/apt-get-source.log" 2>&1 || true
    if [ ! -f "$tarball" ]; then
        sed 's/^/  /' "$dl/apt-get-source.log" >&2
        die "apt-get source did not fetch $DEBIAN_ORIG. Run 'build-aux/install-deps.sh qemu' (adds the bookworm-backports deb-src entry), or set QEMU_TARBALL or QEMU_SRC."
    fi
    got=$(sha256 "$tarball")
    if [ "$got" != "$DEBIAN_ORIG_SHA256" ]; then
        die "$tarball has sha256 $got, expected $DEBIAN_ORIG_SHA256: not the tarball this series is made for. Delete it to download again, or set QEMU_TARBALL or QEMU_SRC."
    fi
}

# Unpack the source into $src.new and make the pristine commit there.
import_source() {
    rm -rf "$src.new"
    mkdir -p "$src.new"
    if [ -n "${QEMU_SRC:-}" ]; then
        say "copying $QEMU_SRC"
        # Not its git metadata or an in-tree build directory.
        (cd "$QEMU_SRC" && tar --exclude=./.git --exclude=./build -cf - .) | (cd "$src.new" && tar -xf -)
    else
        if [ -n "${QEMU_TARBALL:-}" ]; then
            tarball=$QEMU_TARBALL
        else
            fetch_debian_tarball
        fi
        say "unpacking $tarball"
        tar -xf "$tarball" -C "$src.new" --strip-components=1
    fi
    v=$(cat "$src.new/VERSION" 2>/dev/null || true)
    [ "$v" = "$QEMU_VERSION" ] || die "the source says QEMU version '$v' in VERSION, the series is for $QEMU_VERSION"

    # +ds tarball repair. Debian's tarball lacks the prebuilt edk2 firmware
    # (pc-bios/edk2-*.fd.bz2). With an arm target and bzip2 installed,
    # meson.build then sets unpack_edk2_blobs and pc-bios/meson.build fails
    # with "File edk2-aarch64-code.fd.bz2 does not exist", even with
    # --disable-install-blobs. Upstream's tarball has the files and needs
    # nothing. Done before the pristine commit, so the series applies to a
    # tree that builds like upstream's; our boards use none of that firmware.
    if [ ! -f "$src.new/pc-bios/edk2-aarch64-code.fd.bz2" ]; then
        say "+ds tarball repair: building without the missing edk2 blobs"
        m=$src.new/meson.build
        sed 's|^\( *unpack_edk2_blobs = bzip2.found()\)$|\1 and fs.exists('"'"'pc-bios/edk2-aarch64-code.fd.bz2'"'"')|' \
            "$m" >"$m.tmp"
        mv "$m.tmp" "$m"
        grep -q "unpack_edk2_blobs = bzip2.found() and fs.exists(" "$m" ||
            die "+ds tarball repair failed: meson.build does not set unpack_edk2_blobs as 10.0.2 does"
    fi

    say "making the pristine commit"
    (
        cd "$src.new"
        git init -q
        # -f: QEMU's .gitignore names files the tarball ships (*.patch, ...);
        # every file must be tracked or git reset would not restore it.
        git add -A -f .
        git -c user.name="$prog" -c user.email="$prog@localhost" \
            commit -q --no-verify -m "QEMU $QEMU_VERSION as unpacked ($source_id)"
        git tag pristine
    )
    rm -rf "$src" "$build"
    mv "$src.new" "$src"
    echo "$source_id" >"$base/source.stamp"
    rm -f "$base/series.stamp" "$base/configure.stamp" "$base/key.stamp"
    git -C "$src" rev-parse HEAD >"$base/head.stamp"
}

# Never throw away, nor build and hand out as the series, work that is not
# in qemu-patches/.
if [ -d "$src/.git" ] && ! tree_is_ours; then
    [ -n "$force" ] ||
        die "$src has commits or edits that are not the series it last applied. Export them ('git -C $src format-patch --zero-commit -o $patchdir pristine') or rerun with --force to discard them."
    say "--force: discarding the commits and edits in $src"
    rm -f "$base/series.stamp"
fi

if [ ! -d "$src/.git" ] || [ "$(cat "$base/source.stamp" 2>/dev/null)" != "$source_id" ]; then
    import_source
fi

# Put the series on the tree, unless it is already there.
if [ "$(cat "$base/series.stamp" 2>/dev/null)" != "$series_key" ]; then
    cd "$src"
    if [ -d .git/rebase-apply ]; then
        git am --abort
    fi
    rm -f "$base/series.stamp" "$base/key.stamp"
    git reset -q --hard pristine
    git rev-parse HEAD >"$base/head.stamp"
    if [ -n "$patches" ]; then
        say "applying the series:"
        for p in $patches; do say "  $(basename "$p")"; done
        # A fixed committer: the machine may have no git identity.
        if ! GIT_COMMITTER_NAME=$prog GIT_COMMITTER_EMAIL=$prog@localhost \
            git am -q $patches; then
            git am --abort
            die "the series does not apply to QEMU $QEMU_VERSION (see git am's message above)"
        fi
        git rev-parse HEAD >"$base/head.stamp"
    else
        say "no patches in $patchdir: building pristine QEMU $QEMU_VERSION"
    fi
    echo "$series_key" >"$base/series.stamp"
fi

# --without-default-features: TCG only, no optional libraries (pixman, slirp,
#   ...); the boards we need do not use them.
# --enable-fdt=system: arm and riscv need libfdt, and the +ds tarball has no
#   dtc subproject.
# --disable-download: never fetch subprojects or wheels; a build from the
#   archive must work offline.
# --disable-install-blobs: see the +ds repair above; we never install.
# --disable-werror: a newer compiler's new warning must not stop the build.
# qtests need nothing more: tests/qtest is always configured, and QTESTS
# names the ones to build.
configure_line="$src/configure --python=$PYTHON --target-list=$TARGETS --without-default-features --disable-docs --disable-werror --enable-fdt=system --disable-download --disable-install-blobs"

if [ ! -f "$build/build.ninja" ] || [ "$(cat "$base/configure.stamp" 2>/dev/null)" != "$configure_line" ]; then
    say "configuring"
    rm -f "$base/configure.stamp"
    mkdir -p "$build"
    (cd "$build" && $configure_line) || die "configure failed (log: $build/meson-logs/meson-log.txt)"
    echo "$configure_line" >"$base/configure.stamp"
fi

# ninja rebuilds what changed and re-runs meson by itself when a patch
# touched a meson.build or Kconfig file.
say "building $BINARIES $QTESTS"
ninja -C "$build" $BINARIES $QTESTS

mkdir -p "$bindir"
for b in $BINARIES $QTESTS; do
    ln -sf "$build/$b" "$bindir/${b##*/}"
done
echo "$key" >"$base/key.stamp"
report
