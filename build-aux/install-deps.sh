#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install the Debian 12 packages a Front Panel job needs, and nothing when they
# are already there (so every run after the first costs well under a second).
#
# Usage: build-aux/install-deps.sh GROUP...
#        build-aux/install-deps.sh --backports-sources
#   core   compiler, meson, GLib/GIO, json-glib (library, fpctl, unit tests)
#   test   tools the test suite drives (sigrok-cli reads our VCD files,
#          python3-jsonschema checks the board layouts against their schema)
#   qemu   what build-aux/build-qemu.sh needs to build the patched QEMU 10.0.2,
#          plus the deb-src entry its `apt-get source` fetches the tarball with
#   bench  what bench/run needs besides core: the arm-none-eabi assembler and
#          linker for its bare-metal firmware
#   firmware  the bare-metal cross compilers of the bundled demo firmware
#          (tests/firmware): Arm Cortex-M, RISC-V and AArch64; no C library,
#          the firmware is freestanding
#   guest  what build-aux/build-guest.sh needs for the Linux guest: cpio for
#          its initramfs, and the AArch64 Linux compiler with its static C
#          library for gpio-edge (the kernel and the guest's programs are
#          Debian's arm64 packages, downloaded, not installed)
#   gtk    the GTK 4 app: headers, resource compiler and xmllint for its .ui
#          files, Xvfb for its headless tests and xdotool for their real
#          pointer and keyboard input, a font for them to render text with,
#          the desktop/AppStream validators, and gettext for po/
#   docs   gtk-doc, for the protocol library's API reference (-Ddocs=enabled)
#
# meson comes from bookworm-backports: QEMU 10 needs meson >= 1.5 and we want
# one meson for both builds. The backports entry is derived from the machine's
# own apt sources rather than a mirror address typed in here: the deb822
# files in sources.list.d/ (a cloud or container image's debian.sources) and
# the one-line sources.list and sources.list.d/*.list (what the installer
# ISO writes). Only what is missing is added, into
# sources.list.d/frontpanel-backports.sources, and only once.
#
# --backports-sources does just that step, without apt-get or a check for
# root, in $FP_APT_DIR (default /etc/apt); the tests point it at sample
# trees (tests/unit/test-install-deps.sh).
set -eu

apt_dir=${FP_APT_DIR:-/etc/apt}
bp_name=frontpanel-backports.sources

# Prints one line per enabled entry of the apt sources in $apt_dir:
# "TYPE URI SUITE SIGNED-BY" (SIGNED-BY "-" when none is given), our own file left out.
apt_entries() {
    for f in "$apt_dir/sources.list" "$apt_dir"/sources.list.d/*.list "$apt_dir"/sources.list.d/*.sources; do
        [ -f "$f" ] && [ "${f##*/}" != "$bp_name" ] || continue
        case "$f" in
        *.sources) awk '
            function flush(   nt, nu, ns, t, u, i, ty, ur, su) {
                if (enabled != "no") {
                    nt = split(types, ty, " "); nu = split(uris, ur, " "); ns = split(suites, su, " ")
                    for (t = 1; t <= nt; t++) for (u = 1; u <= nu; u++) for (i = 1; i <= ns; i++)
                        print ty[t], ur[u], su[i], (key == "" ? "-" : key)
                }
                types = uris = suites = key = enabled = ""
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            { v = $0; sub(/^[^:]*:[ \t]*/, "", v); sub(/[ \t]+$/, "", v) }
            tolower($1) == "types:" { types = v }
            tolower($1) == "uris:" { uris = v }
            tolower($1) == "suites:" { suites = v }
            tolower($1) == "signed-by:" && v ~ /^\// { key = v }
            tolower($1) == "enabled:" { enabled = tolower(v) }
            END { flush() }' "$f" ;;
        *) awk '
            { sub(/#.*/, "") }
            $1 == "deb" || $1 == "deb-src" {
                line = $0; key = "-"
                # Options: deb [arch=amd64 signed-by=/path] URI SUITE COMPONENTS...
                # (a cdrom: URI has brackets of its own).
                if ($2 ~ /^\[/) {
                    i = index(line, "["); j = index(line, "]")
                    n = split(substr(line, i + 1, j - i - 1), opt, " ")
                    for (k = 1; k <= n; k++)
                        if (opt[k] ~ /^signed-by=\//) key = substr(opt[k], 11)
                    line = $1 " " substr(line, j + 1)
                }
                split(line, w, " ")
                print w[1], w[2], w[3], key
            }' "$f" ;;
        esac
    done
}

# Writes sources.list.d/frontpanel-backports.sources with what the machine's
# sources lack of: deb bookworm-backports, deb-src bookworm and deb-src
# bookworm-backports, from the mirror (and key) its bookworm entry uses.
write_backports_sources() {
    bp="$apt_dir/sources.list.d/$bp_name"
    [ -f "$bp" ] && return 0
    entries=$(apt_entries)
    # A cdrom: entry (an ISO install without a network mirror) cannot serve backports.
    archive=$(echo "$entries" | awk '$1 == "deb" && $3 == "bookworm" && $2 !~ /^cdrom:/ {print $2, $4; exit}')
    if [ -z "$archive" ]; then
        echo "install-deps.sh: no Debian mirror for bookworm (a 'deb' entry with suite bookworm) in" \
             "$apt_dir/sources.list or $apt_dir/sources.list.d/: add one, e.g. with" \
             "'deb http://deb.debian.org/debian bookworm main' in $apt_dir/sources.list" >&2
        return 1
    fi
    uri=${archive% *}
    key=${archive#* }
    has() { echo "$entries" | awk -v t="$1" -v s="$2" '$1 == t && $3 == s {f = 1} END {exit !f}'; }
    src_suites=""
    has deb-src bookworm || src_suites="bookworm"
    has deb-src bookworm-backports || src_suites="${src_suites:+$src_suites }bookworm-backports"
    has deb bookworm-backports && [ -z "$src_suites" ] && return 0
    {
        if ! has deb bookworm-backports; then
            echo "Types: deb"
            echo "URIs: $uri"
            echo "Suites: bookworm-backports"
            echo "Components: main"
            [ "$key" = - ] || echo "Signed-By: $key"
        fi
        if [ -n "$src_suites" ]; then
            has deb bookworm-backports || echo
            echo "Types: deb-src"
            echo "URIs: $uri"
            echo "Suites: $src_suites"
            echo "Components: main"
            [ "$key" = - ] || echo "Signed-By: $key"
        fi
    } > "$bp.tmp"
    mv "$bp.tmp" "$bp"
}

if [ "${1:-}" = --backports-sources ]; then
    write_backports_sources
    exit
fi

pkgs=""
backports_pkgs=""
need_src=""
for group in "$@"; do
    case "$group" in
    core) pkgs="$pkgs gcc libc6-dev pkg-config ninja-build libglib2.0-dev libjson-glib-dev"
          backports_pkgs="$backports_pkgs meson" ;;
    test) pkgs="$pkgs sigrok-cli python3 python3-jsonschema valgrind" ;;
    # QEMU's configure builds a python venv from /usr/bin/python3 (venv,
    # distlib) and, since Debian's +ds tarball ships no python/wheels, takes
    # meson and pycotap from the system: both only exist in backports.
    # libfdt-dev because arm/riscv need fdt and the tarball has no dtc
    # subproject; git and xz-utils for the cached source tree.
    qemu) pkgs="$pkgs gcc libc6-dev pkg-config ninja-build libglib2.0-dev zlib1g-dev libfdt-dev"
          pkgs="$pkgs python3 python3-venv python3-distlib git xz-utils"
          backports_pkgs="$backports_pkgs meson python3-pycotap"
          need_src=qemu ;;
    bench) pkgs="$pkgs binutils-arm-none-eabi python3" ;;
    firmware) pkgs="$pkgs gcc-arm-none-eabi gcc-riscv64-unknown-elf gcc-aarch64-linux-gnu" ;;
    guest) pkgs="$pkgs cpio gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu" ;;
    gtk) pkgs="$pkgs libgtk-4-dev libglib2.0-bin libxml2-utils xvfb xauth xdotool fonts-dejavu-core"
         pkgs="$pkgs desktop-file-utils appstream gettext gtk-update-icon-cache" ;;
    docs) pkgs="$pkgs gtk-doc-tools" ;;
    *) echo "install-deps.sh: unknown group '$group' (known: core, test, qemu, bench, firmware, guest, gtk, docs)" >&2; exit 2 ;;
    esac
done

missing() {
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
    done
}

need=$(missing $pkgs | tr "\n" " ")
need_bp=$(missing $backports_pkgs | tr "\n" " ")
# A meson older than 1.5 counts as missing too.
if [ -z "$need_bp" ] && echo "$backports_pkgs" | grep -qw meson; then
    v=$(dpkg-query -W -f='${Version}' meson)
    dpkg --compare-versions "$v" ge 1.5 || need_bp="meson"
fi
# build-qemu.sh downloads QEMU's source package from bookworm-backports; it
# needs the deb-src entry below and an apt-get update that read it.
if [ -n "$need_src" ] && apt-cache showsrc "$need_src" 2>/dev/null | grep -q '^Version: .*~bpo12'; then
    need_src=""
fi
[ -z "$need$need_bp$need_src" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "install-deps.sh: missing Debian packages: $need$need_bp${need_src:+ (and the bookworm-backports deb-src entry)}" >&2
    echo "install-deps.sh: run as root, or install them yourself" >&2
    exit 1
fi

[ -z "$need_bp$need_src" ] || write_backports_sources

export DEBIAN_FRONTEND=noninteractive
echo "install-deps.sh: installing $need$need_bp${need_src:+ (deb-src for $need_src)}" >&2
apt-get update -q >/dev/null
[ -z "$need" ] || apt-get install -y -q --no-install-recommends $need >/dev/null
[ -z "$need_bp" ] || apt-get install -y -q --no-install-recommends -t bookworm-backports $need_bp >/dev/null
