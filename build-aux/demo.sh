#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The demo itself, once everything is built (./run-demo builds, then runs
# this): the patched QEMU runs a board's bundled firmware with gpio-panel on
# a private socket, and the panel opens on that board's layout. Closing the
# window stops QEMU. Headless (--headless, or no display) QEMU runs alone
# and the script prints the fpctl lines to play with it, until Ctrl-C.
#
# Usage: demo.sh [--headless] [BOARD]    (default board: b-l475e-iot01a)
#        demo.sh --list
#
# Environment: FP_QEMU_BINDIR (required: where qemu-system-* are),
# FP_BUILD_DIR (default _build: frontpanel, fpctl and the firmware).
set -eu

boards() {
    # board, qemu-system-*, QEMU arguments, firmware (in the build dir), what to try
    cat <<'TABLE'
b-l475e-iot01a|arm|-M b-l475e-iot01a|tests/firmware/b-l475e-iot01a.elf|LD1 blinks; B1 (key b) lights LD2 from its EXTI interrupt; DEBOUNCE (key d) debounces it|fpctl set gpioc PC13=0; fpctl wait gpiob PB14=1 --timeout 2s; fpctl release gpioc PC13
microbit|arm|-M microbit|tests/firmware/microbit/microbit-demo.elf|the display shows a heart; A and B (keys a, b) change the picture; P0 blinks; A lights P1 from the GPIOTE interrupt|fpctl set gpio 17=0; fpctl wait gpio 2=1 --timeout 2s; fpctl release gpio 17
sifive_e|riscv32|-M sifive_e|tests/firmware/sifive_e.elf|the RGB LED blinks green; BTN (key b) lights it red from the PLIC interrupt|fpctl set gpio0 18=0; fpctl wait gpio0 22=0 --timeout 2s; fpctl release gpio0 18
virt|aarch64|-M virt -cpu cortex-a53 -nic none|tests/firmware/virt.elf|LED0 blinks; BTN (key b) lights LED1 from the PL061 interrupt|fpctl set pl061 2=1; fpctl set pl061 2=0; fpctl wait pl061 1=1 --timeout 2s; fpctl set pl061 2=1
TABLE
}

usage() {
    echo "usage: run-demo [--headless] [BOARD]    (BOARD: $(boards | cut -d'|' -f1 | tr '\n' ' ' | sed 's/ $//'); default b-l475e-iot01a)" >&2
    echo "       run-demo --list" >&2
    exit 2
}

headless=""
board=""
for arg in "$@"; do
    case "$arg" in
        --list) boards | while IFS='|' read -r name _ _ _ what _; do printf '%-16s %s\n' "$name" "$what"; done; exit 0 ;;
        --headless) headless=1 ;;
        -h|--help) usage ;;
        -*) echo "run-demo: unknown option '$arg'" >&2; usage ;;
        *) [ -z "$board" ] || { echo "run-demo: one board at a time ('$board' and '$arg')" >&2; usage; }
           board=$arg ;;
    esac
done
board=${board:-b-l475e-iot01a}
line=$(boards | grep "^$board|" || true)
[ -n "$line" ] || { echo "run-demo: no bundled board '$board' (run-demo --list shows them)" >&2; exit 2; }
IFS='|' read -r _ arch qemu_args firmware what try <<EOF2
$line
EOF2

: "${FP_QEMU_BINDIR:?FP_QEMU_BINDIR must name the folder of the patched qemu-system-* (run-demo sets it)}"
build=${FP_BUILD_DIR:-_build}
qemu=$FP_QEMU_BINDIR/qemu-system-$arch
firmware=$build/$firmware
for f in "$qemu" "$firmware" "$build/app/fpctl/fpctl"; do
    [ -e "$f" ] || { echo "run-demo: $f is missing (./run-demo builds it)" >&2; exit 1; }
done

if [ -z "$headless" ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no panel window:"
    echo "running QEMU headless; use fpctl as the panel, or run this on a desktop."
    headless=1
fi

# A private socket: the folder is the user's alone (mktemp -d: mode 0700),
# and the socket too (umask).
dir=$(mktemp -d "${XDG_RUNTIME_DIR:-/tmp}/frontpanel-demo.XXXXXX")
umask 077
address="unix:$dir/panel.sock"
qemu_pid=""
tail_pid=""
cleanup() {
    [ -z "$qemu_pid" ] || kill "$qemu_pid" 2>/dev/null || true
    [ -z "$qemu_pid" ] || wait "$qemu_pid" 2>/dev/null || true
    [ -z "$tail_pid" ] || kill "$tail_pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck disable=SC2086  # qemu_args is a list of words
"$qemu" $qemu_args -kernel "$firmware" -display none -monitor none \
    -serial "file:$dir/serial.log" \
    -chardev "socket,id=panel,path=$dir/panel.sock,server=on,wait=off" \
    -device gpio-panel,chardev=panel 2>"$dir/qemu.log" &
qemu_pid=$!
# The guest's serial console, as it comes.
touch "$dir/serial.log"
tail -n +1 -f "$dir/serial.log" | sed -u 's/^/[serial] /' &
tail_pid=$!

"$build/app/fpctl/fpctl" --connect "$address" --retry 10s ping --count 1 --quiet >/dev/null || {
    echo "run-demo: QEMU did not come up:" >&2
    cat "$dir/qemu.log" >&2
    exit 1
}
echo "QEMU runs $board with its demo firmware: $what."
echo "Its pins: FRONTPANEL_ADDRESS=$address"

if [ -n "$headless" ]; then
    echo "Try, in another terminal:"
    echo "  export FRONTPANEL_ADDRESS=$address PATH=$PWD/$build/app/fpctl:\$PATH"
    echo "  fpctl info"
    echo "  $try" | sed 's/; /\n  /g'
    echo "Ctrl-C stops QEMU."
    wait "$qemu_pid" || true
    qemu_pid=""
    echo "run-demo: QEMU exited:" >&2
    cat "$dir/qemu.log" >&2
    exit 1
fi

echo "Opening the panel; close its window to stop QEMU."
GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
    "$build/app/src/frontpanel" --connect "$address" --layout "$board" || true
