/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fpctl-vcd.h"

struct _FpctlVcd {
  char *path;
  FILE *file;
  GPtrArray *codes;             /* identifier code per pin */
  gint64 last_t;
};

/* VCD identifier codes: base-94 numbers over the printable ASCII range. */
static char *
make_code (guint index)
{
  GString *code = g_string_new (NULL);

  do
    {
      g_string_append_c (code, (char) ('!' + index % 94));
      index /= 94;
    }
  while (index > 0);
  return g_string_free (code, FALSE);
}

/* VCD references end at whitespace; keep names readable and single tokens. */
static char *
reference_name (const FpControllerInfo *info, guint pin)
{
  const char *name = fp_controller_info_pin_name (info, pin);
  char *ref = name ? g_strdup (name) : g_strdup_printf ("p%u", pin);

  for (char *c = ref; *c; c++)
    if (!g_ascii_isgraph (*c))
      *c = '_';
  return ref;
}

static char
level_char (int level)
{
  return level == FP_LEVEL_Z ? 'z' : level ? '1' : '0';
}

FpctlVcd *
fpctl_vcd_new (const char *path, FpClient *client, GArray *pins, gint64 t0, GError **error)
{
  FpctlVcd *vcd;
  FILE *file = g_fopen (path, "w");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  int open_scope = -1;

  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot write %s: %s", path, g_strerror (saved));
      return NULL;
    }
  vcd = g_new0 (FpctlVcd, 1);
  vcd->path = g_strdup (path);
  vcd->file = file;
  vcd->codes = g_ptr_array_new_with_free_func (g_free);
  vcd->last_t = t0;

  fprintf (file, "$date %s $end\n$version fpctl %s $end\n", date, PACKAGE_VERSION);
  fprintf (file, "$comment machine %s, QEMU %s, virtual time $end\n",
           fp_client_get_machine (client), fp_client_get_qemu_version (client));
  fprintf (file, "$timescale 1ns $end\n");
  for (guint i = 0; i < pins->len; i++)
    {
      guint32 key = g_array_index (pins, guint32, i);
      guint ctrl = key >> 16, pin = key & 0xffff;
      const FpControllerInfo *info = fp_client_get_controller (client, ctrl);
      g_autofree char *ref = reference_name (info, pin);

      if ((int) ctrl != open_scope)
        {
          if (open_scope >= 0)
            fprintf (file, "$upscope $end\n");
          fprintf (file, "$scope module %s $end\n", info->id);
          open_scope = (int) ctrl;
        }
      g_ptr_array_add (vcd->codes, make_code (i));
      fprintf (file, "$var wire 1 %s %s $end\n", (char *) vcd->codes->pdata[i], ref);
    }
  if (open_scope >= 0)
    fprintf (file, "$upscope $end\n");
  fprintf (file, "$enddefinitions $end\n#%" G_GINT64_FORMAT "\n$dumpvars\n", t0);
  for (guint i = 0; i < pins->len; i++)
    {
      guint32 key = g_array_index (pins, guint32, i);
      const FpPinState *st = fp_client_get_pin (client, key >> 16, key & 0xffff);

      fprintf (file, "%c%s\n", level_char (st->level), (char *) vcd->codes->pdata[i]);
    }
  fprintf (file, "$end\n");
  return vcd;
}

void
fpctl_vcd_change (FpctlVcd *vcd, guint index, gint64 t, int level)
{
  /* Timestamps must not go backwards in a VCD; virtual time does not, but be safe. */
  if (t > vcd->last_t)
    {
      fprintf (vcd->file, "#%" G_GINT64_FORMAT "\n", t);
      vcd->last_t = t;
    }
  fprintf (vcd->file, "%c%s\n", level_char (level), (char *) vcd->codes->pdata[index]);
}

gboolean
fpctl_vcd_close (FpctlVcd *vcd, gint64 t_end, GError **error)
{
  gboolean ok;

  if (t_end > vcd->last_t)
    fprintf (vcd->file, "#%" G_GINT64_FORMAT "\n", t_end);
  ok = fflush (vcd->file) == 0 && !ferror (vcd->file);
  if (fclose (vcd->file) != 0)
    ok = FALSE;
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "writing %s failed", vcd->path);
  g_ptr_array_unref (vcd->codes);
  g_free (vcd->path);
  g_free (vcd);
  return ok;
}
