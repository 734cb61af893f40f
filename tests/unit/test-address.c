/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <gio/gunixsocketaddress.h>

#include "fp-address.h"

static void
test_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) unix_addr = fp_address_parse ("unix:/run/x/panel.sock", &error);
  g_autoptr(GSocketConnectable) tcp = NULL;
  g_autoptr(GSocketConnectable) tcp6 = NULL;

  g_assert_no_error (error);
  g_assert_true (G_IS_UNIX_SOCKET_ADDRESS (unix_addr));
  g_assert_cmpstr (g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (unix_addr)), ==, "/run/x/panel.sock");

  tcp = fp_address_parse ("tcp:localhost:5555", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_network_address_get_hostname (G_NETWORK_ADDRESS (tcp)), ==, "localhost");
  g_assert_cmpuint (g_network_address_get_port (G_NETWORK_ADDRESS (tcp)), ==, 5555);

  tcp6 = fp_address_parse ("tcp:[::1]:6000", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_network_address_get_hostname (G_NETWORK_ADDRESS (tcp6)), ==, "::1");
}

static void
test_bad (void)
{
  const char *bad[] = { "", "panel.sock", "unix:", "tcp:", "tcp:host", "tcp:host:", "tcp::5555",
                        "tcp:host:0", "tcp:host:70000", "tcp:host:port", "udp:host:1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketConnectable) c = fp_address_parse (bad[i], &error);

      g_assert_null (c);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      /* The message quotes what the user typed. */
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/address/good", test_good);
  g_test_add_func ("/address/bad", test_bad);
  return g_test_run ();
}
