/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-start-dialog.c: one row per bundled guest and one for the user's own,
 * whose fields are checked as they are typed with the same function that
 * builds QEMU's command line, so Start only ever starts a QEMU that exists
 * on files that are there; what is wrong shows under the fields. The last
 * choice, and the user's own fields, are offered again (GSettings).
 */
#define G_LOG_DOMAIN "fp-start-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-file-choice.h"
#include "fp-guest.h"
#include "fp-start-dialog-private.h"

struct _FpStartDialog
{
  GtkWindow parent_instance;

  /* Template widgets */
  GtkListBox *guest_list;
  GtkWidget *own_grid;
  GtkEditable *qemu_entry;
  GtkEditable *machine_entry;
  GtkEditable *kernel_entry;
  GtkEditable *dtb_entry;
  GtkEditable *initrd_entry;
  GtkEditable *append_entry;
  GtkEditable *args_entry;
  GtkWidget *kernel_button;
  GtkWidget *dtb_button;
  GtkWidget *initrd_button;
  GtkLabel *error_label;
  GtkLabel *qemu_dir_label;
  GtkButton *start_button;

  GPtrArray *guests;            /* the bundled ones */
  GPtrArray *checks;            /* a radio per guest, then the user's own */
  char *qemu_dir;
  GSettings *settings;          /* or NULL */
};

G_DEFINE_FINAL_TYPE (FpStartDialog, fp_start_dialog, GTK_TYPE_WINDOW)

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The chosen bundled guest's index, guests->len for the user's own, or -1. */
static int
chosen (FpStartDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      return i;
  return -1;
}

static char *
entry_text (GtkEditable *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The guest the dialog describes, or NULL with @error (NULL and no error
 * when nothing is chosen yet). */
static FpGuest *
current_guest (FpStartDialog  *self,
               GError        **error)
{
  int index = chosen (self);
  g_autoptr(FpGuest) guest = NULL;
  g_auto(GStrv) argv = NULL;

  if (index < 0)
    return NULL;
  if ((guint) index < self->guests->len)
    guest = fp_guest_new_bundled (((FpGuest *) self->guests->pdata[index])->name);
  else
    {
      g_autofree char *kernel_name = NULL;

      guest = g_new0 (FpGuest, 1);
      guest->qemu = entry_text (self->qemu_entry);
      guest->machine = entry_text (self->machine_entry);
      guest->kernel = entry_text (self->kernel_entry);
      kernel_name = g_path_get_basename (guest->kernel ? guest->kernel : "");
      /* Translators: the user's own guest, e.g. "Image on virt": a file name, then a QEMU machine */
      guest->title = g_strdup_printf (_("%s on %s"), kernel_name, guest->machine ? guest->machine : "?");
      guest->dtb = entry_text (self->dtb_entry);
      guest->initrd = entry_text (self->initrd_entry);
      guest->append = entry_text (self->append_entry);
      guest->args = fp_guest_parse_args (gtk_editable_get_text (self->args_entry), error);
      if (guest->args == NULL)
        return NULL;
    }
  argv = fp_guest_build_argv (guest, self->qemu_dir, error);
  return argv ? g_steal_pointer (&guest) : NULL;
}

static void
check (FpStartDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpGuest) guest = current_guest (self, &error);

  gtk_widget_set_sensitive (self->own_grid, chosen (self) == (int) self->guests->len);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), guest != NULL);
}

static void
on_changed (FpStartDialog *self)
{
  check (self);
}

/* The user's own fields, by their GSettings names. */
static const char * const own_fields[] = { "qemu", "machine", "kernel", "dtb", "initrd", "append", "args" };

static void
remember (FpStartDialog *self,
          const FpGuest *guest)
{
  g_auto(GVariantBuilder) own = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));

  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "start-guest", guest->name ? guest->name : "");
  if (guest->name != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (own_fields); i++)
    g_variant_builder_add (&own, "{ss}", own_fields[i],
                           gtk_editable_get_text (_fp_start_dialog_get_entry (self, own_fields[i])));
  g_settings_set_value (self->settings, "own-guest", g_variant_builder_end (&own));
}

static void
recall (FpStartDialog *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) own = NULL;
  guint index = 0;

  if (self->settings == NULL)
    return;
  own = g_settings_get_value (self->settings, "own-guest");
  for (guint i = 0; i < G_N_ELEMENTS (own_fields); i++)
    {
      const char *text = NULL;

      if (g_variant_lookup (own, own_fields[i], "&s", &text))
        gtk_editable_set_text (_fp_start_dialog_get_entry (self, own_fields[i]), text);
    }
  /* A guest no longer in the table: the first instead. */
  name = g_settings_get_string (self->settings, "start-guest");
  if (*name == '\0')
    index = self->guests->len;
  for (guint i = 0; i < self->guests->len; i++)
    if (g_str_equal (((FpGuest *) self->guests->pdata[i])->name, name))
      index = i;
  gtk_check_button_set_active (self->checks->pdata[index], TRUE);
}

static void
on_start_clicked (FpStartDialog *self)
{
  g_autoptr(FpGuest) guest = current_guest (self, NULL);

  if (guest == NULL)
    {
      check (self);
      return;
    }
  remember (self, guest);
  g_signal_emit (self, signals[START], 0, guest);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_row_activated (FpStartDialog *self,
                  GtkListBoxRow *row)
{
  gtk_check_button_set_active (self->checks->pdata[gtk_list_box_row_get_index (row)], TRUE);
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                GtkEditable     *entry)
{
  g_autofree char *path = fp_file_choice_take_path (chooser, response);

  if (path != NULL)
    gtk_editable_set_text (entry, path);
}

static void
on_choose_clicked (FpStartDialog *self,
                   GtkWidget     *button)
{
  GtkEditable *entry = button == self->kernel_button ? self->kernel_entry
                       : button == self->dtb_button ? self->dtb_entry
                       : self->initrd_entry;
  const char *title = button == self->kernel_button ? _("Choose the Kernel or Firmware")
                      : button == self->dtb_button ? _("Choose the Device Tree")
                      : _("Choose the Initial Ramdisk");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), entry);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
guest_row (FpStartDialog *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *radio = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (title);

  if (self->checks->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), self->checks->pdata[0]);
  g_signal_connect_swapped (radio, "toggled", G_CALLBACK (on_changed), self);
  g_ptr_array_add (self->checks, radio);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (text), label);
  label = gtk_label_new (description);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (text), label);

  gtk_box_append (GTK_BOX (box), radio);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_append (self->guest_list, box);
  return radio;
}

FpStartDialog *
fp_start_dialog_new (GtkWindow  *parent,
                     const char *qemu_dir,
                     GSettings  *settings)
{
  FpStartDialog *self;
  g_autofree char *where = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FP_TYPE_START_DIALOG, "transient-for", parent, NULL);
  self->qemu_dir = g_strdup (qemu_dir);
  g_set_object (&self->settings, settings);
  recall (self);
  if (qemu_dir != NULL)
    /* Translators: %s is a folder */
    where = g_strdup_printf (_("QEMU is taken from %s, else from PATH (setting qemu-bindir)."), qemu_dir);
  gtk_label_set_text (self->qemu_dir_label,
                      where ? where : _("QEMU is taken from PATH (setting qemu-bindir)."));
  check (self);
  return self;
}

void
_fp_start_dialog_select (FpStartDialog *self,
                         const char    *name)
{
  guint index = self->guests->len;

  for (guint i = 0; name != NULL && i < self->guests->len; i++)
    if (g_str_equal (((FpGuest *) self->guests->pdata[i])->name, name))
      index = i;
  g_assert (name == NULL || index < self->guests->len);
  gtk_check_button_set_active (self->checks->pdata[index], TRUE);
}

GtkEditable *
_fp_start_dialog_get_entry (FpStartDialog *self,
                            const char    *field)
{
  g_autofree char *name = g_strconcat (field, "_entry", NULL);

  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (self), FP_TYPE_START_DIALOG, name));
}

GtkLabel *
_fp_start_dialog_get_error_label (FpStartDialog *self)
{
  return self->error_label;
}

GtkButton *
_fp_start_dialog_get_start_button (FpStartDialog *self)
{
  return self->start_button;
}

static void
fp_start_dialog_finalize (GObject *object)
{
  FpStartDialog *self = (FpStartDialog *) object;

  g_ptr_array_unref (self->guests);
  g_ptr_array_unref (self->checks);
  g_free (self->qemu_dir);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (fp_start_dialog_parent_class)->finalize (object);
}

static void
fp_start_dialog_class_init (FpStartDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_start_dialog_finalize;

  signals[START] =
    g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-start-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, guest_list);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, own_grid);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, qemu_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, machine_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, kernel_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, dtb_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, initrd_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, append_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, args_entry);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, kernel_button);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, dtb_button);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, initrd_button);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, qemu_dir_label);
  gtk_widget_class_bind_template_child (widget_class, FpStartDialog, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fp_start_dialog_init (FpStartDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->guests = fp_guest_list_bundled ();
  for (guint i = 0; i < self->guests->len; i++)
    {
      const FpGuest *guest = self->guests->pdata[i];

      guest_row (self, guest->title, guest->description);
    }
  guest_row (self, _("Your own kernel or firmware"),
             _("Any QEMU machine whose GPIO controllers the patched QEMU serves"));
}
