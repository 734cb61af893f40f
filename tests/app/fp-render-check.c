/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "fp-peer-harness.h"
#include "fp-render-check.h"

static void
on_invalidate (GdkPaintable *paintable, gboolean *invalidated)
{
  *invalidated = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* GTK 4.8's reftest method: the paintable records the widget at its next
 * paint, so ask for one and wait for it. */
GdkTexture *
fp_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  gboolean invalidated = FALSE;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (on_invalidate), &invalidated);
  gtk_widget_queue_draw (widget);
  fp_test_wait_until (is_true, &invalidated, "the widget to paint");
  g_signal_handlers_disconnect_by_data (paintable, &invalidated);

  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

char *
fp_test_save_png (GdkTexture *texture, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (OUTPUT_DIR, file, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%dx%d)", path,
                  gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  return path;
}

void
fp_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkTexture) texture = fp_test_render (widget);

  g_free (fp_test_save_png (texture, name));
}

static guchar *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  guchar *pixels = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  return pixels;
}

void
fp_test_assert_reference (GtkWidget *widget, const char *name, guint tolerance)
{
  g_autoptr(GdkTexture) actual = fp_test_render (widget);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *reference_path = g_build_filename (REFERENCE_DIR, file, NULL);
  g_autoptr(GdkTexture) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *a = NULL, *r = NULL;
  g_autofree char *out_name = g_strconcat (name, ".out", NULL);
  g_autofree char *out = fp_test_save_png (actual, out_name);
  int width = gdk_texture_get_width (actual), height = gdk_texture_get_height (actual);
  guint worst = 0, n_bad = 0;

  if (g_strcmp0 (g_getenv ("FP_UPDATE_REFERENCES"), "1") == 0)
    {
      g_assert_true (gdk_texture_save_to_png (actual, reference_path));
      g_test_message ("wrote reference %s: look at it before committing it", reference_path);
      return;
    }

  reference = gdk_texture_new_from_filename (reference_path, &error);
  g_assert_no_error (error);
  if (gdk_texture_get_width (reference) != width || gdk_texture_get_height (reference) != height)
    {
      g_test_fail_printf ("%s: rendered %dx%d, the reference is %dx%d (see %s)", name, width,
                          height, gdk_texture_get_width (reference),
                          gdk_texture_get_height (reference), out);
      return;
    }

  a = download (actual);
  r = download (reference);
  for (gsize i = 0; i < (gsize) width * height * 4; i++)
    {
      guint d = (guint) ABS ((int) a[i] - (int) r[i]);

      worst = MAX (worst, d);
      if (d > tolerance)
        n_bad++;
      /* The diff image: differing channels bright, the rest dimmed. */
      a[i] = (i % 4 == 3) ? 255 : (d > tolerance ? 255 : r[i] / 4);
    }
  if (n_bad > 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&a), (gsize) width * height * 4);
      g_autoptr(GdkTexture) diff = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT,
                                                           bytes, (gsize) width * 4);
      g_autofree char *diff_name = g_strconcat (name, ".diff", NULL);
      g_autofree char *diff_path = fp_test_save_png (diff, diff_name);

      g_test_fail_printf ("%s: %u channel values differ from %s by more than %u (worst %u); see %s and %s",
                          name, n_bad, reference_path, tolerance, worst, out, diff_path);
    }
}
