#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# build-aux/install-deps.sh --backports-sources against sample apt trees:
# the one-line sources.list of an install from the ISO, the deb822
# debian.sources of a cloud or container image, and the cases in between.
# No apt-get and no root: FP_APT_DIR points the script at a temporary tree.
#
# Usage: test-install-deps.sh PATH-TO-install-deps.sh   (TAP on stdout)
set -eu
script=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

# A fresh apt tree $tmp/NAME with an empty sources.list.d/, in $apt.
new_tree() {
    apt="$tmp/$1"
    mkdir -p "$apt/sources.list.d"
}

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}

not_ok() {
    n=$((n + 1))
    failed=1
    echo "not ok $n - $1"
    shift
    for line in "$@"; do echo "# $line"; done
}

# expect NAME EXIT-STATUS EXPECTED-FILE-CONTENT ("" for no file)
expect() {
    name=$1 want_status=$2 want=$3
    out="$apt/sources.list.d/frontpanel-backports.sources"
    status=0
    FP_APT_DIR=$apt sh "$script" --backports-sources 2>"$tmp/stderr" || status=$?
    if [ "$status" != "$want_status" ]; then
        not_ok "$name" "exit status $status, expected $want_status" "stderr: $(cat "$tmp/stderr")"
    elif [ -z "$want" ] && [ -e "$out" ]; then
        not_ok "$name" "wrote $out:" "$(cat "$out")"
    elif [ -n "$want" ] && [ "$(cat "$out" 2>/dev/null)" != "$want" ]; then
        not_ok "$name" "$out is:" "$(cat "$out" 2>/dev/null)" "expected:" "$want"
    else
        ok "$name"
    fi
}

# The Debian 12 installer from the ISO with a network mirror: one-line
# format, the DVD's entry commented out, deb-src for bookworm already there.
new_tree iso
cat > "$apt/sources.list" <<'SRC'
#deb cdrom:[Debian GNU/Linux 12.8.0 _Bookworm_ - Official amd64 DVD Binary-1 with firmware 20241109-11:05]/ bookworm contrib main non-free-firmware

deb http://ftp.de.debian.org/debian/ bookworm main non-free-firmware
deb-src http://ftp.de.debian.org/debian/ bookworm main non-free-firmware

deb http://security.debian.org/debian-security bookworm-security main non-free-firmware
deb-src http://security.debian.org/debian-security bookworm-security main non-free-firmware
SRC
expect "ISO install: sources.list, one-line format" 0 "Types: deb
URIs: http://ftp.de.debian.org/debian/
Suites: bookworm-backports
Components: main

Types: deb-src
URIs: http://ftp.de.debian.org/debian/
Suites: bookworm-backports
Components: main"
before=$(cat "$apt/sources.list.d/frontpanel-backports.sources")
expect "a second run leaves the file as it is" 0 "$before"

# A cloud or container image: deb822 debian.sources, with comments.
new_tree deb822
cat > "$apt/sources.list.d/debian.sources" <<'SRC'
Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
expect "image: debian.sources, deb822 format" 0 "Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"

# One-line entries with options, in sources.list.d/*.list; security first.
new_tree options
cat > "$apt/sources.list.d/mirror.list" <<'SRC'
deb [arch=amd64] http://security.debian.org/debian-security bookworm-security main
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] https://mirror.example.org/debian bookworm main # the mirror
SRC
expect "sources.list.d/*.list with [signed-by=…]" 0 "Types: deb
URIs: https://mirror.example.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: https://mirror.example.org/debian
Suites: bookworm bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"

# Backports and their sources are there already: nothing to add.
new_tree complete
cat > "$apt/sources.list" <<'SRC'
deb http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-backports main
deb-src http://deb.debian.org/debian bookworm-backports main
SRC
expect "backports already configured: no file" 0 ""

# The DVD alone cannot serve backports: a clear error, and no file.
new_tree cdrom
cat > "$apt/sources.list" <<'SRC'
deb cdrom:[Debian GNU/Linux 12.8.0 _Bookworm_ - Official amd64 DVD Binary-1 with firmware 20241109-11:05]/ bookworm contrib main
SRC
expect "ISO install without a mirror: fails" 1 ""
if grep -q "no Debian mirror for bookworm" "$tmp/stderr"; then
    ok "and says what is missing"
else
    not_ok "and says what is missing" "stderr: $(cat "$tmp/stderr")"
fi

# A disabled deb822 stanza does not count.
new_tree disabled
cat > "$apt/sources.list.d/debian.sources" <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Enabled: no
SRC
expect "a disabled stanza is no mirror" 1 ""

echo "1..$n"
exit $failed
