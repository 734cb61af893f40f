/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-settings.c: g_settings_new() aborts when the schema is missing; the
 * app must still run from a build tree, so look the schema up first.
 */
#define G_LOG_DOMAIN "fp-settings"

#include "config.h"

#include "fp-guest.h"
#include "fp-settings.h"

#define MAX_RECENT 8

GSettings *
fp_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("schema %s is not installed: settings are not remembered", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

void
fp_settings_remember_address (GSettings  *settings,
                              const char *address)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) recent = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (address != NULL);

  old = g_settings_get_strv (settings, "recent-addresses");
  g_strv_builder_add (recent, address);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], address))
      {
        g_strv_builder_add (recent, old[i]);
        n++;
      }
  list = g_strv_builder_end (recent);
  g_settings_set_strv (settings, "recent-addresses", (const char * const *) list);
  g_settings_set_string (settings, "last-address", address);
}

char *
fp_settings_get_qemu_dir (GSettings *settings)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings != NULL)
    dir = g_settings_get_string (settings, "qemu-bindir");
  if (dir != NULL && *dir != '\0')
    return g_steal_pointer (&dir);
  return g_strdup (fp_guest_default_qemu_dir ());
}
