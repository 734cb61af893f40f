/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-guest.c: the bundled guests' table (data/guests.ini, as the app has
 * it in its resource) and the QEMU command lines of its Linux boards: every
 * group complete and translated, the Linux groups' files taken from the
 * guest's folder with the board's serial layout before the console the app
 * adds, and a clear error, saying how to get it, when the guest is not
 * there. No QEMU runs: a stand-in file is the QEMU the command line names.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fp-guest.h"

#define GUESTS_RESOURCE "/io/github/frontpanel/FrontPanel/guests.ini"
#define HOW "Build it with build-aux/build-guest.sh, then reconfigure with " \
            "-Dguest_dir=\"$(build-aux/build-guest.sh --print-dir)\" or set " \
            "FRONTPANEL_GUEST_DIR to that folder."

static const char * const guest_files[] = {
  "vmlinuz", "initramfs.cpio.gz", "bcm2837-rpi-3-b.dtb", "bcm2711-rpi-4-b.dtb",
};

/* A folder with stand-ins for the guest's files and for QEMU. */
static char *
make_guest_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qemu = NULL;
  char *dir = g_dir_make_tmp ("fp-test-guest-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (guest_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, guest_files[i], NULL);

      g_assert_true (g_file_set_contents (path, "", 0, &error));
    }
  qemu = g_build_filename (dir, "qemu-system-aarch64", NULL);
  g_assert_true (g_file_set_contents (qemu, "#!/bin/sh\n", -1, &error));
  g_assert_cmpint (g_chmod (qemu, 0755), ==, 0);
  return dir;
}

static void
remove_guest_dir (char *dir)
{
  const char *name;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_free (dir);
}

static char *
in (const char *dir,
    const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
assert_strv (char **got, const char * const *want)
{
  g_autofree char *got_text = g_strjoinv (" | ", got);
  g_autofree char *want_text = g_strjoinv (" | ", (char **) want);

  g_assert_cmpstr (got_text, ==, want_text);
}

/* Every group has what the app and demo.sh read, a description in each
 * language, and either the demo firmware or the Linux guest's kernel. */
static void
test_table (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (GUESTS_RESOURCE, 0, NULL);
  g_autoptr(GKeyFile) table = g_key_file_new ();
  g_autoptr(GPtrArray) guests = fp_guest_list_bundled ();
  g_auto(GStrv) names = fp_guest_list_names ();
  const char * const linux_names[] = { "raspi3b-linux", "raspi4b-linux", "virt-linux", NULL };
  guint n_linux = 0;

  g_assert_nonnull (bytes);
  g_assert_true (g_key_file_load_from_bytes (table, bytes, G_KEY_FILE_KEEP_TRANSLATIONS, NULL));
  g_assert_cmpuint (guests->len, ==, g_strv_length (names));
  for (guint i = 0; i < guests->len; i++)
    {
      const FpGuest *guest = guests->pdata[i];
      const char * const keys[] = { "try", "args" };
      const char * const languages[] = { "de", "ru" };

      g_test_message ("%s", guest->name);
      g_assert_cmpstr (guest->name, ==, names[i]);
      g_assert_true (guest->title && *guest->title);
      g_assert_true (guest->description && *guest->description);
      g_assert_true (guest->machine && *guest->machine);
      g_assert_true (guest->layout && *guest->layout);
      g_assert_nonnull (guest->kernel);
      g_auto(GStrv) present = g_key_file_get_keys (table, guest->name, NULL, NULL);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (!g_strv_contains ((const char * const *) present, keys[k]))
          g_error ("guests.ini [%s]: no %s", guest->name, keys[k]);
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autofree char *locale = g_key_file_get_locale_for_key (table, guest->name, "description",
                                                                   languages[l]);

          if (g_strcmp0 (locale, languages[l]) != 0)
            g_error ("guests.ini [%s]: no description[%s]", guest->name, languages[l]);
        }
      g_assert_cmpint (guest->linux_guest, ==, g_strv_contains (linux_names, guest->name));
      if (guest->linux_guest)
        {
          n_linux++;
          /* The Linux boards' consoles: what the user types in. */
          g_assert_nonnull (strstr (guest->description, "gpiomon"));
          g_assert_false (g_key_file_has_key (table, guest->name, "firmware", NULL));
        }
      else
        g_assert_null (guest->append);
    }
  g_assert_cmpuint (n_linux, ==, g_strv_length ((char **) linux_names));
}

/* The Linux boards' command lines, as build-aux/linux-guest.sh boots them:
 * the Pis' "-serial null" comes before the -serial stdio fp-qemu adds, so
 * the console is their second serial port, the mini UART. */
static void
test_linux_argv (void)
{
  char *dir = make_guest_dir ();
  g_autofree char *qemu = in (dir, "qemu-system-aarch64");
  g_autofree char *kernel = in (dir, "vmlinuz");
  g_autofree char *initrd = in (dir, "initramfs.cpio.gz");
  g_autofree char *dtb3 = in (dir, "bcm2837-rpi-3-b.dtb");
  g_autofree char *dtb4 = in (dir, "bcm2711-rpi-4-b.dtb");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpGuest) pi3 = NULL;
  g_autoptr(FpGuest) pi4 = NULL;
  g_autoptr(FpGuest) virt = NULL;
  g_auto(GStrv) argv = NULL;

  g_setenv ("FRONTPANEL_GUEST_DIR", dir, TRUE);
  g_assert_cmpstr (fp_guest_linux_dir (), ==, dir);

  pi3 = fp_guest_new_bundled ("raspi3b-linux");
  g_assert_nonnull (pi3);
  g_assert_cmpstr (pi3->title, ==, "Raspberry Pi 3 Model B — Linux");
  g_assert_cmpstr (pi3->layout, ==, "raspi3b");
  argv = fp_guest_build_argv (pi3, dir, &error);
  g_assert_no_error (error);
  assert_strv (argv, (const char *[]) {
    qemu, "-M", "raspi3b", "-accel", "tcg,thread=single", "-nic", "none", "-serial", "null",
    "-kernel", kernel, "-dtb", dtb3, "-initrd", initrd, "-append", "console=ttyS1 quiet", NULL });
  g_clear_pointer (&argv, g_strfreev);

  pi4 = fp_guest_new_bundled ("raspi4b-linux");
  argv = fp_guest_build_argv (pi4, dir, &error);
  g_assert_no_error (error);
  assert_strv (argv, (const char *[]) {
    qemu, "-M", "raspi4b", "-accel", "tcg,thread=single", "-nic", "none", "-serial", "null",
    "-kernel", kernel, "-dtb", dtb4, "-initrd", initrd, "-append",
    "console=ttyS1 quiet initcall_blacklist=brcmstb_l2_driver_init,brcmstb_i2c_driver_init "
    "clk_ignore_unused", NULL });
  g_clear_pointer (&argv, g_strfreev);

  /* virt's console is its PL011, the first serial port; QEMU makes its
   * device tree. */
  virt = fp_guest_new_bundled ("virt-linux");
  argv = fp_guest_build_argv (virt, dir, &error);
  g_assert_no_error (error);
  assert_strv (argv, (const char *[]) {
    qemu, "-M", "virt", "-cpu", "cortex-a53", "-m", "512", "-nic", "none",
    "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyAMA0 quiet", NULL });

  g_unsetenv ("FRONTPANEL_GUEST_DIR");
  remove_guest_dir (dir);
}

/* A folder without the guest, or without one of its files: the error
 * names the folder and the file, and says how to get the guest; it comes
 * before QEMU's (here there is none). */
static void
test_linux_missing (void)
{
  char *dir = make_guest_dir ();
  g_autofree char *dtb = in (dir, "bcm2837-rpi-3-b.dtb");
  g_autofree char *kernel = in (dir, "vmlinuz");
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpGuest) guest = NULL;
  char **argv;

  g_setenv ("FRONTPANEL_GUEST_DIR", dir, TRUE);
  g_assert_cmpint (g_unlink (dtb), ==, 0);
  guest = fp_guest_new_bundled ("raspi3b-linux");
  argv = fp_guest_build_argv (guest, "/nonexistent", &error);
  g_assert_null (argv);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  message = g_strdup_printf ("Linux guest: %s has no bcm2837-rpi-3-b.dtb. " HOW, dir);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_clear_pointer (&message, g_free);

  /* virt needs no device tree, but a kernel. */
  g_clear_pointer (&guest, fp_guest_free);
  guest = fp_guest_new_bundled ("virt-linux");
  g_assert_cmpint (g_unlink (kernel), ==, 0);
  argv = fp_guest_build_argv (guest, "/nonexistent", &error);
  g_assert_null (argv);
  message = g_strdup_printf ("Linux guest: %s has no vmlinuz. " HOW, dir);
  g_assert_cmpstr (error->message, ==, message);

  g_unsetenv ("FRONTPANEL_GUEST_DIR");
  remove_guest_dir (dir);
}

/* No folder at all: built without -Dguest_dir, and no
 * $FRONTPANEL_GUEST_DIR. The entries are listed all the same. */
static void
test_linux_no_dir (void)
{
  g_autoptr(FpGuest) guest = NULL;
  g_autoptr(GError) error = NULL;

  if (*GUEST_DIR != '\0')
    {
      g_test_skip ("built with -Dguest_dir; the build without it (e.g. the sanitizer build) runs this");
      return;
    }
  g_assert_null (fp_guest_linux_dir ());
  guest = fp_guest_new_bundled ("raspi3b-linux");
  g_assert_nonnull (guest);
  g_assert_cmpstr (guest->kernel, ==, "vmlinuz");
  g_assert_null (fp_guest_build_argv (guest, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Linux guest: not found (this program was built without -Dguest_dir). " HOW);
}

int
main (int argc, char **argv)
{
  g_unsetenv ("FRONTPANEL_GUEST_DIR");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guest/table", test_table);
  g_test_add_func ("/guest/linux-argv", test_linux_argv);
  g_test_add_func ("/guest/linux-missing", test_linux_missing);
  g_test_add_func ("/guest/linux-no-dir", test_linux_no_dir);
  return g_test_run ();
}
