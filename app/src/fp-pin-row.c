/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-pin-row.c: a pin's state, exposed as string properties that the pin
 * table's cells bind to. Setting a state notifies only what changed, so one
 * pin event costs a handful of comparisons and at most a few label updates.
 * The protocol's words (in, guest, up, …) are shown in the user's language;
 * they stay English on the wire and in fpctl.
 */
#define G_LOG_DOMAIN "fp-pin-row"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-duty.h"
#include "fp-pin-row.h"

struct _FpPinRow
{
  GObject parent_instance;

  char *ctrl_id;                /* "gpioa" */
  guint index;                  /* 7 */
  char *pin;                    /* "gpioa 7" */
  char *name;                   /* "PA7" or "" */
  FpPinState state;
  FpDuty duty;                  /* the pin's edges, for its toggle rate */
  char rate[32];                /* "1.00 kHz", or "" when it does not toggle */
};

G_DEFINE_FINAL_TYPE (FpPinRow, fp_pin_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PIN,
  PROP_NAME,
  PROP_DIR,
  PROP_LEVEL,
  PROP_DRIVE,
  PROP_PULL,
  PROP_PANEL,
  PROP_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* 0, 1 or FP_LEVEL_Z, shown as "0", "1", or @z. */
static const char *
level_text (int level, const char *z)
{
  switch (level)
    {
    case 0:
      return "0";
    case 1:
      return "1";
    default:
      return z;
    }
}

static const char *
dir_label (FpDirection dir)
{
  switch (dir)
    {
    case FP_DIR_IN:
      return C_("pin direction", "in");
    case FP_DIR_OUT:
      return C_("pin direction", "out");
    case FP_DIR_ALT:
      /* Translators: the pin serves a peripheral (UART, SPI, …), not GPIO */
      return C_("pin direction", "alt");
    case FP_DIR_ANALOG:
    default:
      return C_("pin direction", "analog");
    }
}

/* Who drives the pin. */
static const char *
drive_label (FpDrive drive)
{
  switch (drive)
    {
    case FP_DRIVE_NONE:
      return C_("pin driver", "none");
    case FP_DRIVE_GUEST:
      /* Translators: the guest is the software running in QEMU */
      return C_("pin driver", "guest");
    case FP_DRIVE_PANEL:
    default:
      return C_("pin driver", "panel");
    }
}

/* "" when the model cannot tell. */
static const char *
pull_label (FpPull pull)
{
  switch (pull)
    {
    case FP_PULL_NONE:
      return C_("pin pull resistor", "none");
    case FP_PULL_UP:
      return C_("pin pull resistor", "up");
    case FP_PULL_DOWN:
      return C_("pin pull resistor", "down");
    case FP_PULL_UNKNOWN:
    default:
      return "";
    }
}

const char *
fp_pin_row_get_ctrl_id (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return self->ctrl_id;
}

guint
fp_pin_row_get_index (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), 0);
  return self->index;
}

int
fp_pin_row_get_panel_level (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), FP_LEVEL_Z);
  return self->state.panel;
}

const char *
fp_pin_row_get_pin (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return self->pin;
}

const char *
fp_pin_row_get_name (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return self->name;
}

const char *
fp_pin_row_get_dir (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return dir_label (self->state.dir);
}

const char *
fp_pin_row_get_level (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return level_text (self->state.level, "z");
}

const char *
fp_pin_row_get_drive (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return drive_label (self->state.drive);
}

const char *
fp_pin_row_get_pull (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return pull_label (self->state.pull);
}

const char *
fp_pin_row_get_panel (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return level_text (self->state.panel, "");
}

const char *
fp_pin_row_get_rate (FpPinRow *self)
{
  g_return_val_if_fail (FP_IS_PIN_ROW (self), NULL);
  return self->rate;
}

void
fp_pin_row_update_rate (FpPinRow *self,
                        gint64    now)
{
  char rate[sizeof self->rate] = "";
  double hz, duty;

  g_return_if_fail (FP_IS_PIN_ROW (self));

  if (fp_duty_get_frequency (&self->duty, now, &hz, &duty))
    fp_duty_format_frequency (rate, sizeof rate, hz);
  if (g_str_equal (rate, self->rate))
    return;
  g_strlcpy (self->rate, rate, sizeof self->rate);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

void
fp_pin_row_set_state (FpPinRow         *self,
                      const FpPinState *state)
{
  FpPinState old;

  g_return_if_fail (FP_IS_PIN_ROW (self));
  g_return_if_fail (state != NULL);

  old = self->state;
  self->state = *state;
  fp_duty_push (&self->duty, state->level, state->t);
  if (old.dir != state->dir)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIR]);
  if (old.level != state->level)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
  if (old.drive != state->drive)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRIVE]);
  if (old.pull != state->pull)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULL]);
  if (old.panel != state->panel)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL]);
}

FpPinRow *
fp_pin_row_new (const char       *ctrl_id,
                guint             pin,
                const char       *name,
                const FpPinState *state)
{
  FpPinRow *self;

  g_return_val_if_fail (ctrl_id != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);

  self = g_object_new (FP_TYPE_PIN_ROW, NULL);
  self->ctrl_id = g_strdup (ctrl_id);
  self->index = pin;
  self->pin = g_strdup_printf ("%s %u", ctrl_id, pin);
  self->name = g_strdup (name ? name : "");
  self->state = *state;
  fp_duty_reset (&self->duty);
  fp_duty_push (&self->duty, state->level, state->t);
  return self;
}

static void
fp_pin_row_finalize (GObject *object)
{
  FpPinRow *self = (FpPinRow *) object;

  g_free (self->ctrl_id);
  g_free (self->pin);
  g_free (self->name);
  G_OBJECT_CLASS (fp_pin_row_parent_class)->finalize (object);
}

static void
fp_pin_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FpPinRow *self = FP_PIN_ROW (object);

  switch (prop_id)
    {
    case PROP_PIN:
      g_value_set_string (value, self->pin);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DIR:
      g_value_set_static_string (value, fp_pin_row_get_dir (self));
      break;
    case PROP_LEVEL:
      g_value_set_static_string (value, fp_pin_row_get_level (self));
      break;
    case PROP_DRIVE:
      g_value_set_static_string (value, fp_pin_row_get_drive (self));
      break;
    case PROP_PULL:
      g_value_set_static_string (value, fp_pin_row_get_pull (self));
      break;
    case PROP_PANEL:
      g_value_set_static_string (value, fp_pin_row_get_panel (self));
      break;
    case PROP_RATE:
      g_value_set_string (value, self->rate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_pin_row_class_init (FpPinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fp_pin_row_finalize;
  object_class->get_property = fp_pin_row_get_property;

  properties[PROP_PIN] = g_param_spec_string ("pin", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DIR] = g_param_spec_string ("dir", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, NULL, flags);
  properties[PROP_DRIVE] = g_param_spec_string ("drive", NULL, NULL, NULL, flags);
  properties[PROP_PULL] = g_param_spec_string ("pull", NULL, NULL, NULL, flags);
  properties[PROP_PANEL] = g_param_spec_string ("panel", NULL, NULL, NULL, flags);
  properties[PROP_RATE] = g_param_spec_string ("rate", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_pin_row_init (FpPinRow *self)
{
}
