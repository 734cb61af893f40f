/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl-info.c: "info" and "get", the read-only views of the pin cache.
 */
#include "config.h"

#include "fpctl.h"

static const char *
pull_string (FpPull pull)
{
  return pull == FP_PULL_UNKNOWN ? "?" : fp_pull_to_string (pull);
}

static void
print_controller (Fpctl *ctl, guint index)
{
  const FpControllerInfo *info = fp_client_get_controller (ctl->client, index);

  g_print ("%s: %s at %s, %u pins\n", info->id, info->type, info->path, info->n_pins);
  g_print ("  %4s  %-10s %-6s %-5s %-5s %-5s %s\n", "pin", "name", "dir", "level", "drive", "pull", "panel");
  for (guint p = 0; p < info->n_pins; p++)
    {
      const FpPinState *st = fp_client_get_pin (ctl->client, index, p);
      const char *name = fp_controller_info_pin_name (info, p);

      g_print ("  %4u  %-10s %-6s %-5s %-5s %-5s %s\n", p, name ? name : "-",
               fp_direction_to_string (st->dir), fpctl_level_string (st->level),
               fp_drive_to_string (st->drive), pull_string (st->pull),
               st->panel == FP_LEVEL_Z ? "-" : fpctl_level_string (st->panel));
    }
}

int
fpctl_cmd_info (Fpctl *ctl, int argc, char **argv)
{
  int only = -1;

  if (!fpctl_parse_options (ctl, "info", "[CTRL]",
                            "List the controllers QEMU serves and the state of each pin.\n"
                            "level: 0, 1, or z (floating); drive: who drives the pad (guest, panel, none);\n"
                            "panel: the level the panel drives, or - when it does not.",
                            NULL, &argc, &argv))
    return ctl->exit_code;
  if (argc > 2)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "info: too many arguments");
      return ctl->exit_code;
    }
  if (!fpctl_connect (ctl))
    return ctl->exit_code;
  if (argc == 2 && (only = fp_client_find_controller (ctl->client, argv[1])) < 0)
    {
      fpctl_no_controller (ctl, argv[1]);
      return ctl->exit_code;
    }
  g_print ("%s (QEMU %s) at %s\n", fp_client_get_machine (ctl->client),
           fp_client_get_qemu_version (ctl->client), fp_client_get_address (ctl->client));
  for (guint i = 0; i < fp_client_get_n_controllers (ctl->client); i++)
    if (only < 0 || (guint) only == i)
      print_controller (ctl, i);
  return FPCTL_EXIT_OK;
}

int
fpctl_cmd_get (Fpctl *ctl, int argc, char **argv)
{
  static gboolean values_only;
  const GOptionEntry entries[] = {
    { "values", 'v', 0, G_OPTION_ARG_NONE, &values_only, "Print only the levels, separated by spaces", NULL },
    { NULL }
  };
  g_autoptr(GArray) pins = NULL;
  int ctrl;

  if (!fpctl_parse_options (ctl, "get", "CTRL PIN…",
                            "Print the level of each PIN (a number or a name such as PA5) as PIN=LEVEL,\n"
                            "where LEVEL is 0, 1 or z (floating).", entries, &argc, &argv))
    return ctl->exit_code;
  if (argc < 3)
    {
      fpctl_fail (ctl, FPCTL_EXIT_USAGE, "get: expected CTRL and at least one PIN");
      return ctl->exit_code;
    }
  if (!fpctl_connect (ctl))
    return ctl->exit_code;
  if ((ctrl = fpctl_resolve_pins (ctl, argv[1], argv + 2, FALSE, FALSE, &pins)) < 0)
    return ctl->exit_code;
  for (guint i = 0; i < pins->len; i++)
    {
      const FpctlPin *pin = &g_array_index (pins, FpctlPin, i);
      int level = fp_client_get_pin (ctl->client, ctrl, pin->pin)->level;

      if (values_only)
        g_print ("%s%s", i ? " " : "", fpctl_level_string (level));
      else
        g_print ("%s%s=%s", i ? " " : "", pin->token, fpctl_level_string (level));
    }
  g_print ("\n");
  return FPCTL_EXIT_OK;
}
