/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include <gio/gunixsocketaddress.h>
/* _() is g_dgettext (GETTEXT_PACKAGE, …): a program that links the library
 * gets its messages from the project's catalogue, whatever its own domain. */
#include <glib/gi18n-lib.h>

#include "fp-address.h"

GSocketConnectable *
fp_address_parse (const char *address, GError **error)
{
  if (g_str_has_prefix (address, "unix:"))
    {
      const char *path = address + 5;

      if (*path == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what the user typed, e.g. "unix:" */
                       _("address '%s': the socket path after 'unix:' is empty"), address);
          return NULL;
        }
      return G_SOCKET_CONNECTABLE (g_unix_socket_address_new (path));
    }
  if (g_str_has_prefix (address, "tcp:"))
    {
      g_autoptr(GError) local_error = NULL;
      GSocketConnectable *connectable;
      const char *colon = strrchr (address + 4, ':');

      /* g_network_address_parse() would fill in a default port; ours must be explicit. */
      if (colon == NULL || colon[1] == '\0' || address[4] == ':')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what the user typed; keep tcp:HOST:PORT as it is */
                       _("address '%s': expected tcp:HOST:PORT"), address);
          return NULL;
        }
      connectable = g_network_address_parse (address + 4, 0, &local_error);
      if (connectable == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: the first %s is what the user typed, the second GIO's reason */
                       _("address '%s': %s"), address, local_error->message);
          return NULL;
        }
      if (g_network_address_get_port (G_NETWORK_ADDRESS (connectable)) == 0)
        {
          g_object_unref (connectable);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what the user typed */
                       _("address '%s': the port must be 1-65535"), address);
          return NULL;
        }
      return connectable;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is what the user typed; keep unix:PATH and tcp:HOST:PORT as they are */
               _("address '%s': expected unix:PATH or tcp:HOST:PORT"), address);
  return NULL;
}
