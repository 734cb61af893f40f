/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-pin-table.c: a GtkColumnView over one #FpPinRow per pin.
 *
 * A hello (controllers-changed) rebuilds the rows in one splice; a pin event
 * finds its row by index (offsets[ctrl] + pin) and updates it in place, so
 * the cost of an event does not grow with the number of pins. Cells are
 * labels bound to the row's properties by expressions, so only the labels of
 * the fields that changed are touched. The last column drives the pin: a
 * linked group of three toggles, 0, 1 and Z (release), the one lit being what
 * the panel drives now, as QEMU reports it (not what was clicked: a refused
 * command must not look accepted); each is named for its pin ("Drive PA5
 * low") for screen readers. A machine without pin names has no Name column. The toggle rate is worked out once a second,
 * not per event: it is for reading, and a label that changed a thousand
 * times a second would cost more than the rest of the row.
 */
#define G_LOG_DOMAIN "fp-pin-table"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-pin-table-private.h"

struct _FpPinTable
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *scroller;
  GtkColumnView *view;
  GtkColumnViewColumn *name_column;

  /* Owned references */
  FpClient *client;
  GListStore *store;            /* of FpPinRow */
  GPtrArray *rows;              /* the same rows, for lookup by index */
  GArray *offsets;              /* guint, n_controllers + 1: first row of each */
  gint64 now;                   /* the latest event's virtual time */
  guint rate_source;
};

G_DEFINE_FINAL_TYPE (FpPinTable, fp_pin_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *title;
  const char *property;         /* of FpPinRow */
  gboolean expand;
} Column;

static const Column columns[] = {
  /* Translators: column titles of the pin table */
  { N_("Pin"), "pin", FALSE },
  { N_("Name"), "name", TRUE },
  { N_("Dir"), "dir", FALSE },
  { N_("Level"), "level", FALSE },
  { N_("Drive"), "drive", FALSE },
  { N_("Pull"), "pull", FALSE },
  { N_("Panel"), "panel", FALSE },
  { N_("Rate"), "rate", FALSE },
};

static void
update_name_column (FpPinTable *self)
{
  gboolean named = FALSE;

  for (guint i = 0; i < self->rows->len && !named; i++)
    named = *fp_pin_row_get_name (self->rows->pdata[i]) != '\0';
  if (self->name_column != NULL)
    gtk_column_view_column_set_visible (self->name_column, named);
}

static void
rebuild (FpPinTable *self)
{
  guint n_ctrl = self->client ? fp_client_get_n_controllers (self->client) : 0;
  guint first = 0;

  g_ptr_array_set_size (self->rows, 0);
  g_array_set_size (self->offsets, 0);
  /* A new connection may be another QEMU, with its own clock. */
  self->now = 0;
  for (guint c = 0; c < n_ctrl; c++)
    {
      const FpControllerInfo *info = fp_client_get_controller (self->client, c);

      g_array_append_val (self->offsets, first);
      for (guint p = 0; p < info->n_pins; p++)
        {
          const FpPinState *state = fp_client_get_pin (self->client, c, p);

          g_ptr_array_add (self->rows,
                           fp_pin_row_new (info->id, p, fp_controller_info_pin_name (info, p), state));
          self->now = MAX (self->now, state->t);
        }
      first += info->n_pins;
    }
  g_array_append_val (self->offsets, first);
  update_name_column (self);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       self->rows->pdata, self->rows->len);
}

FpPinRow *
_fp_pin_table_get_row (FpPinTable *self,
                       guint       ctrl,
                       guint       pin)
{
  guint first;

  g_return_val_if_fail (FP_IS_PIN_TABLE (self), NULL);

  if (ctrl + 1 >= self->offsets->len)
    return NULL;
  first = g_array_index (self->offsets, guint, ctrl);
  if (pin >= g_array_index (self->offsets, guint, ctrl + 1) - first)
    return NULL;
  return self->rows->pdata[first + pin];
}

GListModel *
_fp_pin_table_get_model (FpPinTable *self)
{
  g_return_val_if_fail (FP_IS_PIN_TABLE (self), NULL);
  return G_LIST_MODEL (self->store);
}

static void
on_controllers_changed (FpClient   *client,
                        FpPinTable *self)
{
  rebuild (self);
}

static void
on_pin_changed (FpClient   *client,
                guint       ctrl,
                guint       pin,
                gboolean    initial,
                FpPinTable *self)
{
  FpPinRow *row = _fp_pin_table_get_row (self, ctrl, pin);
  const FpPinState *state = fp_client_get_pin (client, ctrl, pin);

  if (row != NULL && state != NULL)
    {
      fp_pin_row_set_state (row, state);
      self->now = MAX (self->now, state->t);
    }
}

static gboolean
update_rates (gpointer data)
{
  FpPinTable *self = data;

  for (guint i = 0; i < self->rows->len; i++)
    fp_pin_row_update_rate (self->rows->pdata[i], self->now);
  return G_SOURCE_CONTINUE;
}

FpClient *
fp_pin_table_get_client (FpPinTable *self)
{
  g_return_val_if_fail (FP_IS_PIN_TABLE (self), NULL);
  return self->client;
}

void
fp_pin_table_set_client (FpPinTable *self,
                         FpClient   *client)
{
  g_return_if_fail (FP_IS_PIN_TABLE (self));
  g_return_if_fail (client == NULL || FP_IS_CLIENT (client));

  if (self->client == client)
    return;
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      g_signal_connect (client, "controllers-changed", G_CALLBACK (on_controllers_changed), self);
      g_signal_connect (client, "pin-changed", G_CALLBACK (on_pin_changed), self);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

GtkWidget *
fp_pin_table_new (void)
{
  return g_object_new (FP_TYPE_PIN_TABLE, NULL);
}

/* Each cell is a label whose text follows one property of the row. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  property)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *expr;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "numeric");
  expr = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  expr = gtk_property_expression_new (FP_TYPE_PIN_ROW, expr, property);
  gtk_expression_bind (expr, label, "label", item);
  gtk_list_item_set_child (item, label);
}

/* The drive cell's buttons, in the order of the levels they drive. */
static const struct {
  const char *text;
  int level;
} drive_buttons[] = {
  { "0", 0 },
  { "1", 1 },
  { "Z", FP_LEVEL_Z },
};

/* A drive button's tooltip and accessible name. */
static char *
drive_label (int         level,
             const char *pin)
{
  /* Translators: tooltips and accessible names of the pin table's drive
   * buttons; %s is the pin, its name ("PA5") or else its controller and
   * number ("gpioa 5") */
  switch (level)
    {
    case 0:
      return g_strdup_printf (_("Drive %s low"), pin);
    case 1:
      return g_strdup_printf (_("Drive %s high"), pin);
    default:
      return g_strdup_printf (_("Release %s (stop driving it)"), pin);
    }
}

static void
show_panel_level (GtkWidget *box,
                  FpPinRow  *row)
{
  GtkWidget *button = gtk_widget_get_first_child (box);

  for (guint i = 0; i < G_N_ELEMENTS (drive_buttons); i++, button = gtk_widget_get_next_sibling (button))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                  fp_pin_row_get_panel_level (row) == drive_buttons[i].level);
}

static void
on_drive_clicked (GtkButton  *button,
                  FpPinTable *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "fp-item");
  FpPinRow *row = gtk_list_item_get_item (item);
  int level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "fp-level"));

  if (row == NULL || self->client == NULL)
    return;
  fp_client_drive (self->client, fp_pin_row_get_ctrl_id (row), fp_pin_row_get_index (row), level);
  /* Until QEMU says otherwise the panel drives what it did before. */
  show_panel_level (gtk_widget_get_parent (GTK_WIDGET (button)), row);
}
static void
on_row_panel_changed (FpPinRow   *row,
                      GParamSpec *pspec,
                      GtkWidget  *box)
{
  show_panel_level (box, row);
}

static void
setup_drive_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  FpPinTable               *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *first = NULL;

  /* One control of three choices: joined, and at most one lit. */
  gtk_widget_add_css_class (box, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (drive_buttons); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (drive_buttons[i].text);

      gtk_widget_add_css_class (button, "numeric");
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      g_object_set_data (G_OBJECT (button), "fp-item", item);
      g_object_set_data (G_OBJECT (button), "fp-level", GINT_TO_POINTER (drive_buttons[i].level));
      g_signal_connect (button, "clicked", G_CALLBACK (on_drive_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_list_item_set_child (item, box);
}

static void
bind_drive_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 FpPinTable               *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  FpPinRow *row = gtk_list_item_get_item (item);
  const char *pin = *fp_pin_row_get_name (row) ? fp_pin_row_get_name (row) : fp_pin_row_get_pin (row);
  GtkWidget *button = gtk_widget_get_first_child (box);

  for (guint i = 0; i < G_N_ELEMENTS (drive_buttons); i++, button = gtk_widget_get_next_sibling (button))
    {
      g_autofree char *label = drive_label (drive_buttons[i].level, pin);

      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  show_panel_level (box, row);
  g_signal_connect_object (row, "notify::panel", G_CALLBACK (on_row_panel_changed), box, 0);
}

static void
unbind_drive_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   FpPinTable               *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_row_panel_changed,
                                        gtk_list_item_get_child (item));
}

static void
append_drive_column (FpPinTable *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_drive_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_drive_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_drive_cell), self);
  /* Translators: title of the pin table's column of 0/1/Z buttons */
  column = gtk_column_view_column_new (_("Set"), factory);
  gtk_column_view_append_column (self->view, column);
}

static void
fp_pin_table_dispose (GObject *object)
{
  FpPinTable *self = (FpPinTable *) object;

  fp_pin_table_set_client (self, NULL);
  g_clear_handle_id (&self->rate_source, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (fp_pin_table_parent_class)->dispose (object);
}

static void
fp_pin_table_finalize (GObject *object)
{
  FpPinTable *self = (FpPinTable *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->offsets, g_array_unref);
  G_OBJECT_CLASS (fp_pin_table_parent_class)->finalize (object);
}

static void
fp_pin_table_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FpPinTable *self = FP_PIN_TABLE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_pin_table_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FpPinTable *self = FP_PIN_TABLE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      fp_pin_table_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_pin_table_class_init (FpPinTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_pin_table_dispose;
  object_class->finalize = fp_pin_table_finalize;
  object_class->get_property = fp_pin_table_get_property;
  object_class->set_property = fp_pin_table_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pintable");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontpanel/FrontPanel/ui/fp-pin-table.ui");
  gtk_widget_class_bind_template_child (widget_class, FpPinTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, FpPinTable, view);
}

static void
fp_pin_table_init (FpPinTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (FP_TYPE_PIN_ROW);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  rebuild (self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) columns[i].property);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_append_column (self->view, column);
      if (g_str_equal (columns[i].property, "name"))
        self->name_column = column;
      /* The buttons next to the level they change: in view when the
       * table is narrow, the rest scrolled off. */
      if (g_str_equal (columns[i].property, "level"))
        append_drive_column (self);
    }
  update_name_column (self);

  self->rate_source = g_timeout_add_seconds (1, update_rates, self);
}
