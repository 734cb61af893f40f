/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-guest.h: what QEMU runs for "Start board…": a bundled guest from
 * data/guests.ini (a board and its demo firmware, or Linux), or the
 * user's own kernel or firmware on a machine of their choice.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char *name;                   /* the bundled guest's group, or NULL for the user's own */
  char *title;                  /* for people: the board's name */
  char *description;            /* what to try, in the user's language; NULL for their own */
  char *qemu;                   /* "qemu-system-arm", "arm" (an arch) or a path */
  char *machine;                /* -M */
  char *kernel;                 /* -kernel: an absolute path */
  char *dtb;                    /* optional (NULL): -dtb */
  char *initrd;                 /* optional: -initrd */
  char *append;                 /* optional: -append */
  char **args;                  /* more QEMU arguments (never NULL) */
  char *layout;                 /* the bundled layout to show, or NULL: from the machine */
  gboolean linux_guest;         /* kernel, dtb, initrd: the Linux guest's, in fp_guest_linux_dir()
                                 * (only their names when there is none) */
} FpGuest;

FpGuest *fp_guest_copy (const FpGuest *guest);
void fp_guest_free (FpGuest *guest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpGuest, fp_guest_free)

/* The bundled guests, in the table's order (a GPtrArray of FpGuest, owned
 * by the caller), their firmware where this program finds it: in the build
 * tree when it runs from there, else where `meson install` put it. The
 * Linux ones have their files in fp_guest_linux_dir(), or, when there is
 * none, only their names (fp_guest_build_argv() says how to get them). */
GPtrArray *fp_guest_list_bundled (void);
/* The bundled guest @name, or NULL. */
FpGuest *fp_guest_new_bundled (const char *name);
/* The names of the bundled guests, for messages; free with g_strfreev(). */
char **fp_guest_list_names (void);

/* Where QEMU is by default: the -Dqemu_bindir the app was built with, or
 * NULL (look on PATH). */
const char *fp_guest_default_qemu_dir (void);

/* The folder of build-aux/build-guest.sh's Linux guest: $FRONTPANEL_GUEST_DIR,
 * else the -Dguest_dir the app was built with, else NULL. */
const char *fp_guest_linux_dir (void);

/* The QEMU command line for @guest, without the panel, console and display
 * arguments (fp-qemu adds them), or NULL with @error saying what is wrong:
 * QEMU not found (in @qemu_dir, when not NULL, then on PATH), no machine,
 * a file that is not there or not readable, extra arguments that do not
 * parse, the Linux guest not built (the message says how to build it).
 * Every message names the field and the value. */
char **fp_guest_build_argv (const FpGuest *guest,
                            const char    *qemu_dir,
                            GError       **error);

/* Parses the extra-arguments text of the user's own guest the way a shell
 * would (quotes allowed); an empty text gives no arguments. */
char **fp_guest_parse_args (const char *text, GError **error);

G_END_DECLS
