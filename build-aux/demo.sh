#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The demo itself, once everything is built (./run-demo builds, then runs
# this): the panel starts the patched QEMU on a board's bundled firmware, or
# the Linux guest (frontpanel --start BOARD), with the guest's serial
# console in the window. Closing the window stops QEMU. Headless
# (--headless, or no display) QEMU runs alone with gpio-panel on a private
# socket, and the script prints the fpctl lines to play with it; the
# firmware's console is shown until Ctrl-C, Linux's shell is this terminal
# until Ctrl-A X.
#
# Usage: demo.sh [--headless] [BOARD]    (default board: b-l475e-iot01a)
#        demo.sh --list
#
# Environment: FP_QEMU_BINDIR (required: where qemu-system-* are; the panel
# takes QEMU from where the build was configured, -Dqemu_bindir, which
# run-demo makes the same), FP_BUILD_DIR (default _build: frontpanel, fpctl
# and the firmware), FP_GUEST_DIR (required for the Linux boards: the
# folder of build-aux/build-guest.sh --print-dir; the panel gets it as
# FRONTPANEL_GUEST_DIR).
set -eu

# The bundled guests: data/guests.ini, the table the app's "Start board…"
# reads too. One group per board; "key=value" lines.
table=$(dirname "$0")/../data/guests.ini
boards() {
    awk '/^\[/ { print substr($0, 2, length($0) - 2) }' "$table"
}
# field BOARD KEY: the value, or nothing when the board or key is not there.
field() {
    awk -v board="$1" -v key="$2" '
        /^\[/ { here = (substr($0, 2, length($0) - 2) == board); next }
        here && index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }
    ' "$table"
}

# usage [STATUS]: 2 (the default) for a mistake, on stderr; 0 for --help.
usage() {
    status=${1:-2}
    {
        echo "usage: run-demo [--headless] [BOARD]    (BOARD: $(boards | tr '\n' ' ' | sed 's/ $//'); default b-l475e-iot01a)"
        echo "       run-demo --list"
    } >&"$((status == 0 ? 1 : 2))"
    exit "$status"
}

headless=""
board=""
for arg in "$@"; do
    case "$arg" in
        --list) for name in $(boards); do printf '%-16s %s\n' "$name" "$(field "$name" description)"; done; exit 0 ;;
        --headless) headless=1 ;;
        -h|--help) usage 0 ;;
        -*) echo "run-demo: unknown option '$arg'" >&2; usage ;;
        *) [ -z "$board" ] || { echo "run-demo: one board at a time ('$board' and '$arg')" >&2; usage; }
           board=$arg ;;
    esac
done
board=${board:-b-l475e-iot01a}
boards | grep -qxF -- "$board" || { echo "run-demo: no bundled board '$board' (run-demo --list shows them)" >&2; exit 2; }
arch=$(field "$board" arch)
qemu_args="-M $(field "$board" machine) $(field "$board" args)"
what=$(field "$board" description)
try=$(field "$board" try)

: "${FP_QEMU_BINDIR:?FP_QEMU_BINDIR must name the folder of the patched qemu-system-* (run-demo sets it)}"
build=${FP_BUILD_DIR:-_build}
qemu=$FP_QEMU_BINDIR/qemu-system-$arch
# need FILE: fails unless FILE is there.
need() {
    [ -e "$1" ] || { echo "run-demo: $1 is missing (./run-demo builds it)" >&2; exit 1; }
}
need "$qemu"
need "$build/app/fpctl/fpctl"
# The guest's QEMU arguments, "$@" from here on: the demo firmware, or the
# Linux guest's kernel, device tree, initramfs and command line as the
# table says.
kernel=$(field "$board" kernel)
if [ -n "$kernel" ]; then
    : "${FP_GUEST_DIR:?FP_GUEST_DIR must name the folder of the Linux guest for $board (build-aux/build-guest.sh --print-dir; run-demo builds it and sets it)}"
    need "$FP_GUEST_DIR/$kernel"
    set -- -kernel "$FP_GUEST_DIR/$kernel"
    for key in dtb initrd; do
        f=$(field "$board" $key)
        [ -z "$f" ] || { need "$FP_GUEST_DIR/$f"; set -- "$@" "-$key" "$FP_GUEST_DIR/$f"; }
    done
    append=$(field "$board" append)
    [ -z "$append" ] || set -- "$@" -append "$append"
    guest="Linux"
else
    set -- -kernel "$build/$(field "$board" firmware)"
    need "$2"
    guest="its demo firmware"
fi

if [ -z "$headless" ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no panel window:"
    echo "running QEMU headless; use fpctl as the panel, or run this on a desktop."
    headless=1
fi

if [ -z "$headless" ]; then
    # The panel runs QEMU itself, on a private socket of its own, and ends
    # it when its window closes (or on Ctrl-C here). The signals this
    # script gets are the panel's, so that it stops its QEMU.
    echo "Opening the panel on $board with $guest: $what."
    echo "Close its window to stop QEMU; the guest's serial console is in the window."
    [ -z "$kernel" ] || export FRONTPANEL_GUEST_DIR="$FP_GUEST_DIR"
    GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
        "$build/app/src/frontpanel" --start "$board" &
    panel=$!
    trap 'kill -TERM "$panel" 2>/dev/null || true' INT TERM HUP
    # wait returns early for a trapped signal: wait again until it ends.
    while :; do
        status=0
        wait "$panel" || status=$?
        kill -0 "$panel" 2>/dev/null || break
    done
    trap - INT TERM HUP
    # 3: the panel could not open the display, and said why.
    [ "$status" = 3 ] || exit "$status"
    echo "run-demo: no panel window, so running QEMU headless; use fpctl as the panel."
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

if [ -n "$kernel" ]; then
    # Linux's shell on this terminal (its console is the serial port after
    # those of the table's args, as in the app), QEMU in the foreground.
    echo "QEMU boots Linux on $board (a few seconds): $what."
    echo "Its pins: FRONTPANEL_ADDRESS=$address"
    echo "Try, in another terminal:"
    echo "  export FRONTPANEL_ADDRESS=$address PATH=$PWD/$build/app/fpctl:\$PATH"
    echo "  fpctl info"
    echo "  $try" | sed 's/; /\n  /g'
    echo "Ctrl-A X stops QEMU (Ctrl-C goes to the guest)."
    # shellcheck disable=SC2086  # qemu_args is a list of words
    "$qemu" $qemu_args "$@" -display none -monitor none \
        -serial mon:stdio \
        -chardev "socket,id=panel,path=$dir/panel.sock,server=on,wait=off" \
        -device gpio-panel,chardev=panel
    exit
fi

# shellcheck disable=SC2086  # qemu_args is a list of words
"$qemu" $qemu_args "$@" -display none -monitor none \
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
echo "QEMU runs $board with $guest: $what."
echo "Its pins: FRONTPANEL_ADDRESS=$address"

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
