#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Linux on a virtual board with the panel: boots the guest of
# build-aux/build-guest.sh (Debian's arm64 kernel, busybox, libgpiod's tools)
# under the patched QEMU with gpio-panel on a private socket, the guest's
# console on this terminal, and, when there is a display and the app is
# built, the panel window on the board's layout. Try gpioinfo, gpioset,
# gpioget, gpiomon in the guest and click the panel's parts, or drive the
# pins with fpctl from another terminal: a second gpio-panel device serves
# it (one client per socket), at the FRONTPANEL_ADDRESS printed first.
# Ctrl-A X stops QEMU (Ctrl-C goes to the guest); the window closes with it.
#
# Usage: build-aux/linux-guest.sh [--no-panel] BOARD    (BOARD: virt, raspi3b, raspi4b)
#
# Environment:
#   FP_QEMU_BINDIR  folder of the patched qemu-system-aarch64 (default:
#                   build-aux/build-qemu.sh --print-bindir)
#   FP_GUEST_DIR    the guest (default: built or found by build-guest.sh)
#   FP_BUILD_DIR    the build with frontpanel and fpctl (default: _build)
set -eu

prog="linux-guest.sh"
die() { echo "$prog: $*" >&2; exit 1; }
usage() { echo "usage: $prog [--no-panel] BOARD    (BOARD: virt, raspi3b, raspi4b)" >&2; exit 2; }

top=$(cd "$(dirname "$0")/.." && pwd)
panel=1
board=""
for arg in "$@"; do
    case "$arg" in
    --no-panel) panel="" ;;
    -h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "$prog: unknown option '$arg'" >&2; usage ;;
    *) [ -z "$board" ] || { echo "$prog: one board at a time ('$board' and '$arg')" >&2; usage; }
       board=$arg ;;
    esac
done

if [ -z "${FP_QEMU_BINDIR:-}" ]; then
    FP_QEMU_BINDIR=$("$top/build-aux/build-qemu.sh" --print-bindir) ||
        die "the patched QEMU is not built: run build-aux/build-qemu.sh, or set FP_QEMU_BINDIR"
fi
if [ -z "${FP_GUEST_DIR:-}" ]; then
    "$top/build-aux/build-guest.sh" >/dev/null
    FP_GUEST_DIR=$("$top/build-aux/build-guest.sh" --print-dir)
fi
build=${FP_BUILD_DIR:-$top/_build}
qemu=$FP_QEMU_BINDIR/qemu-system-aarch64
[ -x "$qemu" ] || die "$qemu is missing (FP_QEMU_BINDIR=$FP_QEMU_BINDIR)"

# The kernel's console: virt's PL011; on the Pis the mini UART (QEMU's
# second serial port, Linux's ttyS1), as their device trees say. The app's
# Linux boards (data/guests.ini, BOARD-linux) pass the same arguments.
case "$board" in
virt)
    set -- -M virt -cpu cortex-a53 -m 512 -serial mon:stdio
    append="console=ttyAMA0 quiet"
    try="gpiomon gpiochip0 2     # then: fpctl set pl061 2=1; fpctl set pl061 2=0" ;;
raspi3b)
    # One TCG thread for the four vCPUs: the boot takes half as long.
    set -- -M raspi3b -accel tcg,thread=single -dtb "$FP_GUEST_DIR/bcm2837-rpi-3-b.dtb" \
        -serial null -serial mon:stdio
    append="console=ttyS1 quiet"
    try="gpiomon -B pull-up gpiochip0 23     # then click GPIO23, or: fpctl set gpio 23=0" ;;
raspi4b)
    # As the Pi 3. The kernel skips the drivers of the brcmstb interrupt
    # controllers and I2C masters, which QEMU does not model, and leaves
    # the clocks as the emulated firmware set them (tests/linux/linux_guest.py).
    set -- -M raspi4b -accel tcg,thread=single -dtb "$FP_GUEST_DIR/bcm2711-rpi-4-b.dtb" \
        -serial null -serial mon:stdio
    append="console=ttyS1 quiet initcall_blacklist=brcmstb_l2_driver_init,brcmstb_i2c_driver_init clk_ignore_unused"
    try="gpiomon -B pull-up gpiochip0 23     # then click GPIO23, or: fpctl set gpio 23=0" ;;
"") usage ;;
*) echo "$prog: no board '$board' (virt, raspi3b or raspi4b)" >&2; usage ;;
esac

# A private socket: the folder is the user's alone (mktemp -d: mode 0700).
dir=$(mktemp -d "${XDG_RUNTIME_DIR:-/tmp}/frontpanel-linux.XXXXXX")
umask 077
address="unix:$dir/fpctl.sock"
panel_pid=""
cleanup() {
    [ -z "$panel_pid" ] || kill "$panel_pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT

echo "Booting Linux on $board (a few seconds)."
echo "Its pins: FRONTPANEL_ADDRESS=$address"
echo "  in another terminal: export FRONTPANEL_ADDRESS=$address PATH=$build/app/fpctl:\$PATH"
echo "Try: $try"
echo "Ctrl-A X stops QEMU."
if [ -n "$panel" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    if [ -x "$build/app/src/frontpanel" ]; then
        # The panel retries until QEMU listens.
        GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
            "$build/app/src/frontpanel" --connect "unix:$dir/panel.sock" --layout "$board" \
            >"$dir/panel.log" 2>&1 &
        panel_pid=$!
    else
        echo "$prog: no panel window: $build/app/src/frontpanel is not built (ninja -C $build)" >&2
    fi
fi

"$qemu" "$@" -display none -monitor none -nic none \
    -kernel "$FP_GUEST_DIR/vmlinuz" -initrd "$FP_GUEST_DIR/initramfs.cpio.gz" -append "$append" \
    -chardev "socket,id=panel,path=$dir/panel.sock,server=on,wait=off" \
    -device gpio-panel,chardev=panel \
    -chardev "socket,id=fpctl,path=$dir/fpctl.sock,server=on,wait=off" \
    -device gpio-panel,chardev=fpctl
