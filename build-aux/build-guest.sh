#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build Front Panel's Linux guest: Debian 12's stock arm64 kernel and an
# initramfs with busybox, libgpiod's tools (gpiodetect, gpioinfo, gpioget,
# gpioset, gpiomon) and gpio-edge (sysfs edges with poll()), whose /init
# (build-aux/guest/init) prints "frontpanel-guest: ready" and gives a shell on
# the serial console. It boots under the patched QEMU on -M virt (PL061),
# -M raspi3b (pinctrl-bcm2835) and -M raspi4b (pinctrl-bcm2711); see
# README.md, "Linux on a virtual Raspberry Pi", and build-aux/linux-guest.sh.
#
# Usage: build-aux/build-guest.sh [--print-dir]
#   (no option)   build if needed, then print the files and GUEST_DIR=
#   --print-dir   print the guest folder if this version is built, else exit
#                 1 without building (for tests)
#
# Environment:
#   FRONTPANEL_CACHE=DIR  where the guest lives (default:
#                         ${XDG_CACHE_HOME:-$HOME/.cache}/frontpanel)
#
# The packages are Debian bookworm's arm64 ones, downloaded with apt-get but
# never installed: apt runs with arm64 as its only architecture and private
# package lists, cache and status, so the machine's own apt state is not
# touched. The sources are the machine's bookworm ones (main suite, updates
# and security, not backports, so the kernel is 6.1).
#   $CACHE/guest/KEY/     one finished guest, never changed once there:
#     vmlinuz               the kernel (an arm64 Image)
#     bcm2837-rpi-3-b.dtb   the Raspberry Pi 3 Model B device tree
#     bcm2711-rpi-4-b.dtb   the Raspberry Pi 4 Model B device tree
#     initramfs.cpio.gz     the root file system
#     versions.txt          the Debian packages and versions it was made of
#   $CACHE/guest/apt/     apt's private state, and the downloaded .debs
# KEY is a sha256 over this script, the init and gpio-edge.c. A guest is
# built once per KEY: later runs print its paths (the packages are those the
# archive had then; remove the folder to take newer ones).
set -eu

# What goes into the initramfs. The kernel is linux-image-arm64's versioned
# dependency; gpiod's tools need libgpiod2 and libc6 (nothing else: their
# NEEDED entries are checked below).
PACKAGES="busybox-static gpiod libgpiod2 libc6"
# The device trees of the Pis, from the kernel package (in broadcom/).
DTBS="bcm2837-rpi-3-b.dtb bcm2711-rpi-4-b.dtb"
CC=aarch64-linux-gnu-gcc

prog="build-guest.sh"
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }

print_dir=""
for arg in "$@"; do
    case "$arg" in
    --print-dir) print_dir=1 ;;
    -h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
    esac
done

LC_ALL=C
export LC_ALL

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
guestsrc=$(cd "$(dirname "$0")" && pwd)/guest
cache=${FRONTPANEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/frontpanel}
base=$cache/guest

key=$(cat "$self" "$guestsrc/init" "$guestsrc/gpio-edge.c" | sha256sum | cut -c1-16)
out=$base/$key

built() { [ -f "$out/versions.txt" ]; }

report() {
    for f in vmlinuz $DTBS initramfs.cpio.gz versions.txt; do
        echo "$out/$f"
    done
    echo "GUEST_DIR=$out"
}

if [ -n "$print_dir" ]; then
    built || exit 1
    echo "$out"
    exit 0
fi
if built; then
    report
    exit 0
fi

for tool in apt-get apt-cache dpkg-deb cpio gzip flock $CC aarch64-linux-gnu-readelf; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "'$tool' is missing: run 'build-aux/install-deps.sh guest' (as root) or install it"
done

mkdir -p "$base"
# Two builds at once (parallel test jobs, two clones) share the apt folder;
# the second waits, then finds the guest there.
exec 9>"$base/lock"
flock 9
if built; then
    report
    exit 0
fi

# apt, arm64 only, with state of its own. Sources: the machine's deb
# entries for bookworm, bookworm-updates and bookworm-security.
apt=$base/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources" "$apt/debs"
: >"$apt/status"
sources=""
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
    [ -f "$f" ] && sources="$sources $f"
done
[ -n "$sources" ] || die "no apt sources in /etc/apt: cannot download Debian's arm64 packages"
# Keep the deb entries of bookworm, bookworm-updates and bookworm-security
# (not backports: its kernel is not the 6.1 we test), in both formats.
: >"$apt/sources/guest.list"
: >"$apt/sources/guest.sources"
for f in $sources; do
    case "$f" in
    *.sources)
        # deb822: blank-line separated stanzas; rewrite Types and Suites.
        awk -v RS= -v ORS='\n\n' '
            {
                n = split($0, line, "\n"); out = ""; deb = 0; suites = ""
                for (i = 1; i <= n; i++) {
                    if (line[i] ~ /^Types:/) {
                        deb = line[i] ~ /[: ]deb( |$)/; line[i] = "Types: deb"
                    } else if (line[i] ~ /^Suites:/) {
                        m = split(substr(line[i], 8), s, " ")
                        for (j = 1; j <= m; j++)
                            if (s[j] ~ /^bookworm(-updates|-security)?$/) suites = suites " " s[j]
                        line[i] = "Suites:" suites
                    }
                    out = out line[i] "\n"
                }
                if (deb && suites != "") print out
            }' "$f" >>"$apt/sources/guest.sources" ;;
    *)
        grep -E '^[[:space:]]*deb[[:space:]].*[[:space:]]bookworm(-updates|-security)?[[:space:]]' "$f" \
            >>"$apt/sources/guest.list" || true ;;
    esac
done
[ -s "$apt/sources/guest.list" ] || [ -s "$apt/sources/guest.sources" ] ||
    die "the apt sources ($sources) have no deb entry for bookworm: cannot download Debian's arm64 packages"
aptopts="-o APT::Architecture=arm64 -o APT::Architectures=arm64
 -o Dir::State::Lists=$apt/lists -o Dir::State::status=$apt/status -o Dir::Cache=$apt/cache
 -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$apt/sources
 -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
 -o APT::Sandbox::User=root -q"

say "reading Debian bookworm's arm64 package lists"
# shellcheck disable=SC2086
apt-get $aptopts update >"$apt/update.log" 2>&1 || {
    sed 's/^/  /' "$apt/update.log" >&2
    die "apt-get update (arm64, private lists in $apt) failed"
}
# shellcheck disable=SC2086
kernel=$(apt-cache $aptopts depends linux-image-arm64 2>/dev/null |
    sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -n1)
[ -n "$kernel" ] || die "linux-image-arm64 names no versioned kernel package in the arm64 lists (see $apt/update.log)"

say "downloading $kernel $PACKAGES"
rm -f "$apt/debs"/*.deb
# shellcheck disable=SC2086
(cd "$apt/debs" && apt-get $aptopts download "$kernel" $PACKAGES) >"$apt/download.log" 2>&1 || {
    sed 's/^/  /' "$apt/download.log" >&2
    die "apt-get download failed"
}

work=$base/$key.new
rm -rf "$work"
mkdir -p "$work/pkgs" "$work/root"
: >"$work/versions.txt"
for deb in "$apt/debs"/*.deb; do
    dpkg-deb -x "$deb" "$work/pkgs"
    dpkg-deb -f "$deb" Package Version Architecture |
        awk -F': ' '{v[NR] = $2} END {printf "%s %s %s\n", v[1], v[2], v[3]}' >>"$work/versions.txt"
done
kver=${kernel#linux-image-}
pkgs=$work/pkgs
[ -f "$pkgs/boot/vmlinuz-$kver" ] || die "$kernel has no /boot/vmlinuz-$kver"
cp "$pkgs/boot/vmlinuz-$kver" "$work/vmlinuz"
for dtb in $DTBS; do
    [ -f "$pkgs/usr/lib/linux-image-$kver/broadcom/$dtb" ] || die "$kernel has no broadcom/$dtb"
    cp "$pkgs/usr/lib/linux-image-$kver/broadcom/$dtb" "$work/"
done

# The root file system: busybox (its applets are linked by /init at boot:
# no arm64 binary runs here), the gpiod tools and the libraries they load.
root=$work/root
mkdir -p "$root/bin" "$root/usr/bin" "$root/lib/aarch64-linux-gnu" "$root/proc" "$root/sys" \
    "$root/dev" "$root/tmp" "$root/root" "$root/etc"
cp "$pkgs/bin/busybox" "$root/bin/"
for t in gpiodetect gpioinfo gpioget gpioset gpiomon gpiofind; do
    cp "$pkgs/usr/bin/$t" "$root/usr/bin/"
done
cp "$pkgs/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1" "$pkgs/lib/aarch64-linux-gnu/libc.so.6" \
    "$root/lib/aarch64-linux-gnu/"
cp -P "$pkgs/usr/lib/aarch64-linux-gnu/libgpiod.so.2"* "$root/lib/aarch64-linux-gnu/"
libs="ld-linux-aarch64.so.1 libc.so.6 libgpiod.so.2"
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$root/lib/ld-linux-aarch64.so.1"
# Every library the tools need must be there.
for elf in "$root"/usr/bin/* "$root/lib/aarch64-linux-gnu/libgpiod.so.2"; do
    for need in $(aarch64-linux-gnu-readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        case " $libs " in
        *" $need "*) ;;
        *) die "${elf##*/} needs $need, which the guest does not have" ;;
        esac
    done
done

say "building gpio-edge"
$CC -static -Os -s -std=gnu11 -Wall -Wextra -Werror -o "$root/usr/bin/gpio-edge" "$guestsrc/gpio-edge.c" ||
    die "$CC could not build gpio-edge.c (needs libc6-dev-arm64-cross: build-aux/install-deps.sh guest)"
cp "$guestsrc/init" "$root/init"
chmod 755 "$root/init"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
# Busybox's sh reads this as a login shell; the prompt is what the tests see.
echo 'PS1="frontpanel# "' >"$root/etc/profile"

say "packing the initramfs"
(cd "$root" && find . | sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9 >"$work/initramfs.cpio.gz"
rm -rf "$work/pkgs" "$work/root"
mv "$work" "$out"
report
