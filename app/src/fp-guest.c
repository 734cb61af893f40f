/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-guest.c: the bundled guests' table (data/guests.ini, in the app's
 * resource), where their firmware and the Linux guest are, and a guest's
 * QEMU command line, checked before anything starts: a missing QEMU or
 * kernel is an error the user reads in the dialog, not a QEMU that dies at
 * once.
 */
#define G_LOG_DOMAIN "fp-guest"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fp-guest.h"

#define GUESTS_RESOURCE "/io/github/frontpanel/FrontPanel/guests.ini"

void
fp_guest_free (FpGuest *guest)
{
  if (guest == NULL)
    return;
  g_free (guest->name);
  g_free (guest->title);
  g_free (guest->description);
  g_free (guest->qemu);
  g_free (guest->machine);
  g_free (guest->kernel);
  g_free (guest->dtb);
  g_free (guest->initrd);
  g_free (guest->append);
  g_strfreev (guest->args);
  g_free (guest->layout);
  g_free (guest);
}

FpGuest *
fp_guest_copy (const FpGuest *guest)
{
  FpGuest *copy;

  g_return_val_if_fail (guest != NULL, NULL);

  copy = g_new0 (FpGuest, 1);
  copy->name = g_strdup (guest->name);
  copy->title = g_strdup (guest->title);
  copy->description = g_strdup (guest->description);
  copy->qemu = g_strdup (guest->qemu);
  copy->machine = g_strdup (guest->machine);
  copy->kernel = g_strdup (guest->kernel);
  copy->dtb = g_strdup (guest->dtb);
  copy->initrd = g_strdup (guest->initrd);
  copy->append = g_strdup (guest->append);
  copy->args = g_strdupv (guest->args);
  copy->layout = g_strdup (guest->layout);
  return copy;
}

static GKeyFile *
load_table (void)
{
  g_autoptr(GKeyFile) table = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (GUESTS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL || !g_key_file_load_from_bytes (table, bytes, G_KEY_FILE_NONE, &error))
    {
      /* It is built in and tested: failing here is a build bug. */
      g_critical ("%s: %s", GUESTS_RESOURCE, error->message);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* TRUE when this program runs from the build tree, where the firmware is
 * built, rather than from where it is installed. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (BUILD_ROOT, NULL);
  g_autofree char *prefix = NULL;

  if (exe == NULL || root == NULL)
    return FALSE;
  prefix = g_strconcat (root, G_DIR_SEPARATOR_S, NULL);
  return g_str_has_prefix (exe, prefix);
}

static char *
firmware_path (const char *in_build_tree)
{
  g_autofree char *base = NULL;

  if (running_from_build_tree ())
    return g_build_filename (BUILD_ROOT, in_build_tree, NULL);
  base = g_path_get_basename (in_build_tree);
  return g_build_filename (PKGDATADIR, "firmware", base, NULL);
}

const char *
fp_guest_linux_dir (void)
{
  const char *dir = g_getenv ("FRONTPANEL_GUEST_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  return *GUEST_DIR != '\0' ? GUEST_DIR : NULL;
}

/* The Linux guest's file @name (NULL: none) where the guest is (an
 * absolute path, whatever $FRONTPANEL_GUEST_DIR says), or only its name
 * when nobody said where that is. */
static char *
linux_path (const char *name)
{
  const char *dir = fp_guest_linux_dir ();
  g_autofree char *path = NULL;

  if (name == NULL)
    return NULL;
  if (dir == NULL)
    return g_strdup (name);
  path = g_build_filename (dir, name, NULL);
  return g_canonicalize_filename (path, NULL);
}

static FpGuest *
guest_from_table (GKeyFile   *table,
                  const char *name)
{
  g_autoptr(FpGuest) guest = g_new0 (FpGuest, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *firmware = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *dtb = NULL;
  g_autofree char *initrd = NULL;
  g_autofree char *args = NULL;

  guest->name = g_strdup (name);
  guest->title = g_key_file_get_string (table, name, "title", &error);
  if (error == NULL)
    guest->description = g_key_file_get_locale_string (table, name, "description", NULL, &error);
  if (error == NULL)
    guest->qemu = g_key_file_get_string (table, name, "arch", &error);
  if (error == NULL)
    guest->machine = g_key_file_get_string (table, name, "machine", &error);
  if (error == NULL)
    args = g_key_file_get_string (table, name, "args", &error);
  if (error == NULL)
    guest->layout = g_key_file_get_string (table, name, "layout", &error);
  /* The demo firmware, or the Linux guest: one of the two. */
  firmware = g_key_file_get_string (table, name, "firmware", NULL);
  kernel = g_key_file_get_string (table, name, "kernel", NULL);
  if (error == NULL && (firmware == NULL) == (kernel == NULL))
    g_set_error (&error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                 "one of the keys firmware and kernel, not %s", firmware ? "both" : "neither");
  if (error != NULL)
    {
      g_critical ("%s [%s]: %s", GUESTS_RESOURCE, name, error->message);
      return NULL;
    }
  guest->args = fp_guest_parse_args (args, &error);
  if (guest->args == NULL)
    {
      g_critical ("%s [%s]: %s", GUESTS_RESOURCE, name, error->message);
      return NULL;
    }
  if (firmware != NULL)
    {
      guest->kernel = firmware_path (firmware);
      return g_steal_pointer (&guest);
    }
  dtb = g_key_file_get_string (table, name, "dtb", NULL);
  initrd = g_key_file_get_string (table, name, "initrd", NULL);
  guest->linux_guest = TRUE;
  guest->kernel = linux_path (kernel);
  guest->dtb = linux_path (dtb);
  guest->initrd = linux_path (initrd);
  guest->append = g_key_file_get_string (table, name, "append", NULL);
  return g_steal_pointer (&guest);
}

GPtrArray *
fp_guest_list_bundled (void)
{
  g_autoptr(GKeyFile) table = load_table ();
  GPtrArray *guests = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_guest_free);
  g_auto(GStrv) names = NULL;

  if (table == NULL)
    return guests;
  names = g_key_file_get_groups (table, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      FpGuest *guest = guest_from_table (table, names[i]);

      if (guest != NULL)
        g_ptr_array_add (guests, guest);
    }
  return guests;
}

FpGuest *
fp_guest_new_bundled (const char *name)
{
  g_autoptr(GKeyFile) table = load_table ();

  g_return_val_if_fail (name != NULL, NULL);

  if (table == NULL || !g_key_file_has_group (table, name))
    return NULL;
  return guest_from_table (table, name);
}

char **
fp_guest_list_names (void)
{
  g_autoptr(GKeyFile) table = load_table ();

  return table ? g_key_file_get_groups (table, NULL) : g_new0 (char *, 1);
}

const char *
fp_guest_default_qemu_dir (void)
{
  return *QEMU_BINDIR != '\0' ? QEMU_BINDIR : NULL;
}

/* The QEMU program @qemu names, or NULL with @error set. */
static char *
find_qemu (const char  *qemu,
           const char  *qemu_dir,
           GError     **error)
{
  g_autofree char *program = NULL;
  g_autofree char *in_dir = NULL;
  char *found;

  if (qemu == NULL || *qemu == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("QEMU: none given; name a qemu-system-ARCH program, an architecture "
                     "(arm, aarch64, riscv32…) or a path"));
      return NULL;
    }
  if (strchr (qemu, G_DIR_SEPARATOR) != NULL)
    {
      if (g_file_test (qemu, G_FILE_TEST_IS_REGULAR) && g_file_test (qemu, G_FILE_TEST_IS_EXECUTABLE))
        return g_canonicalize_filename (qemu, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a path */
                   _("QEMU: '%s' is not an executable file"), qemu);
      return NULL;
    }
  program = g_str_has_prefix (qemu, "qemu-system-") ? g_strdup (qemu)
                                                    : g_strconcat ("qemu-system-", qemu, NULL);
  if (qemu_dir != NULL)
    {
      in_dir = g_build_filename (qemu_dir, program, NULL);
      if (g_file_test (in_dir, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&in_dir);
    }
  found = g_find_program_in_path (program);
  if (found != NULL)
    return found;
  if (qemu_dir != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %s are a program, then a folder */
                 _("QEMU: no %s in %s or on PATH"), program, qemu_dir);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %s is a program, e.g. qemu-system-arm */
                 _("QEMU: no %s on PATH"), program);
  return NULL;
}

/* An absolute path to the readable file @path, or NULL with @error naming
 * @what (the field, for people). */
static char *
check_file (const char  *what,
            const char  *path,
            GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  if (!g_file_test (absolute, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: "Kernel or firmware: '/x.elf': no such file" */
                   _("%s: '%s': no such file"), what, path);
      return NULL;
    }
  if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: '%s' is not a file"), what, path);
      return NULL;
    }
  if (g_access (absolute, R_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s: '%s' is not readable"), what, path);
      return NULL;
    }
  return g_steal_pointer (&absolute);
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* Whether the Linux guest's files are there; if not, @error says how to
 * get them. */
static gboolean
check_linux_guest (const FpGuest  *guest,
                   GError        **error)
{
  const char *files[] = { guest->kernel, guest->dtb, guest->initrd };
  /* Translators: the advice after each error about the Linux guest; keep the commands as they are */
  const char *how = _("Build it with build-aux/build-guest.sh, then reconfigure with "
                      "-Dguest_dir=\"$(build-aux/build-guest.sh --print-dir)\" or set "
                      "FRONTPANEL_GUEST_DIR to that folder.");

  /* Only names: linux_path() had no folder. */
  if (!g_path_is_absolute (guest->kernel))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is the advice how to get the guest */
                   _("Linux guest: not found (this program was built without -Dguest_dir). %s"), how);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (is_set (files[i]) && !g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
      {
        g_autofree char *dir = g_path_get_dirname (files[i]);
        g_autofree char *base = g_path_get_basename (files[i]);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     /* Translators: "Linux guest: /folder has no vmlinuz. Build it with…" */
                     _("Linux guest: %s has no %s. %s"), dir, base, how);
        return FALSE;
      }
  return TRUE;
}

char **
fp_guest_build_argv (const FpGuest *guest,
                     const char    *qemu_dir,
                     GError       **error)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_autofree char *qemu = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *dtb = NULL;
  g_autofree char *initrd = NULL;

  g_return_val_if_fail (guest != NULL, NULL);

  /* First: for a Linux board, what is missing is the guest. */
  if (guest->linux_guest && !check_linux_guest (guest, error))
    return NULL;
  qemu = find_qemu (guest->qemu, qemu_dir, error);
  if (qemu == NULL)
    return NULL;
  if (!is_set (guest->machine) || strpbrk (guest->machine, " \t\n") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   is_set (guest->machine)
                   ? _("Machine: one name without spaces, e.g. virt (qemu-system-… -M help lists them)")
                   : _("Machine: none given, e.g. virt (qemu-system-… -M help lists them)"));
      return NULL;
    }
  if (!is_set (guest->kernel))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Kernel or firmware: no file given"));
      return NULL;
    }
  kernel = check_file (_("Kernel or firmware"), guest->kernel, error);
  if (kernel == NULL)
    return NULL;
  if (is_set (guest->dtb) && (dtb = check_file (_("Device tree"), guest->dtb, error)) == NULL)
    return NULL;
  if (is_set (guest->initrd) && (initrd = check_file (_("Initial ramdisk"), guest->initrd, error)) == NULL)
    return NULL;

  g_strv_builder_add_many (argv, qemu, "-M", guest->machine, NULL);
  g_strv_builder_addv (argv, (const char **) guest->args);
  g_strv_builder_add_many (argv, "-kernel", kernel, NULL);
  if (dtb != NULL)
    g_strv_builder_add_many (argv, "-dtb", dtb, NULL);
  if (initrd != NULL)
    g_strv_builder_add_many (argv, "-initrd", initrd, NULL);
  if (is_set (guest->append))
    g_strv_builder_add_many (argv, "-append", guest->append, NULL);
  return g_strv_builder_end (argv);
}

char **
fp_guest_parse_args (const char  *text,
                     GError     **error)
{
  g_autoptr(GError) shell_error = NULL;
  char **args = NULL;

  if (text == NULL)
    return g_new0 (char *, 1);
  if (!g_shell_parse_argv (text, NULL, &args, &shell_error))
    {
      /* An all-blank text is not an error; anything else unparsable is. */
      if (g_error_matches (shell_error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        return g_new0 (char *, 1);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s says what is wrong, e.g. "Text ended before matching quote was found" */
                   _("More QEMU arguments: %s"), shell_error->message);
      return NULL;
    }
  return args;
}
