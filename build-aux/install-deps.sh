#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install the Debian 12 packages a Front Panel job needs, and nothing when they
# are already there (so every run after the first costs well under a second).
#
# Usage: build-aux/install-deps.sh GROUP...
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
#
# meson comes from bookworm-backports: QEMU 10 needs meson >= 1.5 and we want
# one meson for both builds. The backports entry is derived from the machine's
# own apt sources rather than a mirror address typed in here.
set -eu

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
    *) echo "install-deps.sh: unknown group '$group' (known: core, test, qemu, bench, firmware, guest, gtk)" >&2; exit 2 ;;
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

bp=/etc/apt/sources.list.d/frontpanel-backports.sources
if [ -n "$need_bp$need_src" ] && [ ! -f "$bp" ]; then
    src=/etc/apt/sources.list.d/debian.sources
    uri=$(awk '/^URIs:/ && /debian\/?$/ && !/security/ {print $2; exit}' "$src")
    key=$(awk '/^Signed-By:/ {print $2; exit}' "$src")
    if [ -z "$uri" ]; then
        echo "install-deps.sh: cannot find the Debian archive URI in $src" >&2
        exit 1
    fi
    cat > "$bp" <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: $key

Types: deb-src
URIs: $uri
Suites: bookworm bookworm-backports
Components: main
Signed-By: $key
SRC
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps.sh: installing $need$need_bp${need_src:+ (deb-src for $need_src)}" >&2
apt-get update -q >/dev/null
[ -z "$need" ] || apt-get install -y -q --no-install-recommends $need >/dev/null
[ -z "$need_bp" ] || apt-get install -y -q --no-install-recommends -t bookworm-backports $need_bp >/dev/null
