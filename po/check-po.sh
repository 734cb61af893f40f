#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Checks the translations (test `po`, suite `data`):
#   1. po/POTFILES.in names every source file with translatable strings
#      (C files of the app, fpctl and the protocol library calling _() / N_()
#      / C_(), .ui files with translatable="yes");
#   2. every language in po/LINGUAS has a .po that msgfmt --check accepts and
#      whose messages are all translated, none fuzzy;
#   3. each .po covers every msgid extracted afresh from the sources, so a new
#      string that nobody merged into the .po files fails too.
#
# Usage: check-po.sh SOURCE-ROOT SCRATCH-DIR
set -eu
top=$1
tmp=$2
mkdir -p "$tmp"
status=0

potfiles=$(grep -v '^#' "$top/po/POTFILES.in" | grep -v '^[[:space:]]*$')
for f in $potfiles; do
    [ -f "$top/$f" ] || { echo "POTFILES.in: $f does not exist"; status=1; }
done
for f in $(cd "$top" && grep -lE '\<(N?C?_|g_dgettext|g_dngettext)[[:space:]]*\(' app/src/*.c app/fpctl/*.c protocol/lib/*.c; \
           cd "$top" && grep -l 'translatable="yes"' app/src/*.ui); do
    echo "$potfiles" | grep -qxF "$f" || { echo "POTFILES.in: $f has translatable strings but is not listed"; status=1; }
done

# The same extraction as i18n.gettext(preset: 'glib') does for frontpanel-pot.
(cd "$top" && xgettext --package-name=frontpanel --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_strdup_printf:1:c-format \
    -D "$top" -f po/POTFILES.in -o "$tmp/frontpanel.pot")

for lang in $(grep -v '^#' "$top/po/LINGUAS"); do
    po="$top/po/$lang.po"
    if [ ! -f "$po" ]; then
        echo "$lang: po/$lang.po is missing"; status=1; continue
    fi
    # msgfmt prints its statistics on stderr: "N translated messages[, M fuzzy
    # translations][, K untranslated messages]."
    if ! stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
        echo "$lang: msgfmt --check failed:"; echo "$stats"; status=1; continue
    fi
    echo "$lang: $stats"
    case "$stats" in
    *fuzzy*|*untranslated*) echo "$lang: not every message is translated"; status=1 ;;
    esac
    # msgcmp fails for every msgid of the fresh template that the .po lacks or
    # leaves untranslated or fuzzy.
    if ! msgcmp "$po" "$tmp/frontpanel.pot" 2>"$tmp/msgcmp-$lang.log"; then
        echo "$lang: po/$lang.po lacks messages of the sources (run: meson compile -C _build frontpanel-update-po):"
        cat "$tmp/msgcmp-$lang.log"; status=1
    fi
done
exit $status
