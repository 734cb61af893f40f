/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-message.h: decoded messages of the Front Panel pin protocol, version 1
 * (protocol/PROTOCOL.md), their strict decoder and canonical encoder.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** FP_PROTOCOL_VERSION: the protocol version this library speaks. */
#define FP_PROTOCOL_VERSION 1

/** FP_MAX_LINE: longest line in bytes, without its newline (PROTOCOL.md §1). */
#define FP_MAX_LINE 65536

/** FP_MAX_PINS: most pins one controller may have (PROTOCOL.md §3.1). */
#define FP_MAX_PINS 1024

/** FP_MAX_ID: request ids and timestamps stay below 2^53 (PROTOCOL.md §2). */
#define FP_MAX_ID ((G_GUINT64_CONSTANT (1) << 53) - 1)

/** FP_LEVEL_Z: the "level" of a pin nobody drives and no pull holds. */
#define FP_LEVEL_Z (-1)

/**
 * FpProtocolError:
 * The error classes of PROTOCOL.md §5, in the order the checks happen.
 */
typedef enum {
  FP_PROTOCOL_ERROR_TOO_LONG,
  FP_PROTOCOL_ERROR_SYNTAX,
  FP_PROTOCOL_ERROR_NOT_OBJECT,
  FP_PROTOCOL_ERROR_MISSING_FIELD,
  FP_PROTOCOL_ERROR_BAD_TYPE,
  FP_PROTOCOL_ERROR_BAD_VALUE,
  FP_PROTOCOL_ERROR_UNKNOWN_COMMAND,
  FP_PROTOCOL_ERROR_UNKNOWN_EVENT,
  FP_PROTOCOL_ERROR_UNKNOWN_CONTROLLER,
  FP_PROTOCOL_ERROR_UNKNOWN_PIN,
  FP_PROTOCOL_ERROR_VERSION,
} FpProtocolError;

#define FP_PROTOCOL_ERROR (fp_protocol_error_quark ())
GQuark fp_protocol_error_quark (void);

/* The wire name of an error class ("unknown-pin"), and back; -1 if unknown. */
const char *fp_protocol_error_to_string (FpProtocolError code);
int fp_protocol_error_from_string (const char *name);

/**
 * FpRecipient:
 * Which side a line is addressed to: events go to the panel, commands to QEMU.
 */
typedef enum {
  FP_TO_PANEL,
  FP_TO_QEMU,
} FpRecipient;

typedef enum {
  /* events, QEMU to panel */
  FP_MESSAGE_HELLO,
  FP_MESSAGE_PIN,
  FP_MESSAGE_DROPPED,
  FP_MESSAGE_RESET,
  FP_MESSAGE_PONG,
  FP_MESSAGE_SYNCED,
  FP_MESSAGE_ERROR,
  /* commands, panel to QEMU */
  FP_MESSAGE_CLIENT_HELLO,
  FP_MESSAGE_SET,
  FP_MESSAGE_RELEASE,
  FP_MESSAGE_SYNC,
  FP_MESSAGE_PING,
} FpMessageKind;

typedef enum { FP_DIR_IN, FP_DIR_OUT, FP_DIR_ALT, FP_DIR_ANALOG } FpDirection;
typedef enum { FP_DRIVE_NONE, FP_DRIVE_GUEST, FP_DRIVE_PANEL } FpDrive;
/* FP_PULL_UNKNOWN: the model cannot tell; the "pull" member is absent. */
typedef enum { FP_PULL_UNKNOWN, FP_PULL_NONE, FP_PULL_UP, FP_PULL_DOWN } FpPull;

const char *fp_direction_to_string (FpDirection dir);
const char *fp_drive_to_string (FpDrive drive);
/* NULL for FP_PULL_UNKNOWN */
const char *fp_pull_to_string (FpPull pull);

/**
 * FpPinState:
 * @level: 0, 1 or %FP_LEVEL_Z
 * @panel: the panel's standing drive: 0, 1 or %FP_LEVEL_Z for none
 * @t: virtual time of the last change, in ns
 *
 * Everything a `pin` event says about one pin.
 */
typedef struct {
  FpDirection dir;
  FpDrive drive;
  int level;
  FpPull pull;
  int panel;
  gint64 t;
} FpPinState;

/* Whether two states make the same `pin` event apart from t (PROTOCOL.md §3.2). */
gboolean fp_pin_state_equal (const FpPinState *a, const FpPinState *b);

/**
 * FpControllerInfo:
 * @names: (nullable): %NULL, or @n_pins names ("" for an unnamed pin)
 *
 * One entry of the hello's controller list.
 */
typedef struct {
  char *id;
  char *type;
  char *path;
  guint n_pins;
  char **names;
} FpControllerInfo;

FpControllerInfo *fp_controller_info_new (const char *id, const char *type,
                                          const char *path, guint n_pins);
FpControllerInfo *fp_controller_info_copy (const FpControllerInfo *info);
void fp_controller_info_free (FpControllerInfo *info);
/* The pin's name, or NULL when it has none. */
const char *fp_controller_info_pin_name (const FpControllerInfo *info, guint pin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpControllerInfo, fp_controller_info_free)

/**
 * FpMessage:
 * @kind: which message; it says which of the other members are meaningful
 * @has_id: whether @id was given (commands; pong, synced and error events)
 * @t: virtual time (hello, pin, dropped, reset, pong, synced)
 * @version: hello, client hello
 * @qemu, @machine, @controllers: hello (@controllers holds #FpControllerInfo)
 * @client: (nullable): client hello
 * @ctrl, @pin: pin, dropped, set, release
 * @state: pin (its @t equals the message's @t)
 * @edges: dropped
 * @level: set (0 or 1)
 * @code, @message: error
 *
 * A decoded protocol message. Build one with fp_message_new() and free it with
 * fp_message_free(); strings and arrays belong to the message.
 */
typedef struct {
  FpMessageKind kind;
  gboolean has_id;
  guint64 id;
  gint64 t;
  guint version;
  char *qemu;
  char *machine;
  GPtrArray *controllers;
  char *client;
  char *ctrl;
  guint pin;
  FpPinState state;
  guint64 edges;
  int level;
  FpProtocolError code;
  char *message;
} FpMessage;

FpMessage *fp_message_new (FpMessageKind kind);
void fp_message_free (FpMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpMessage, fp_message_free)

/* Events and commands have their own recipient. */
FpRecipient fp_message_kind_recipient (FpMessageKind kind);
/* The wire name: "pin" for FP_MESSAGE_PIN, "hello" for both hellos. */
const char *fp_message_kind_to_string (FpMessageKind kind);

/**
 * fp_message_decode:
 * @line: one line without its newline; need not be NUL-terminated
 * @len: its length in bytes
 * @to: whether @line is an event (to the panel) or a command (to QEMU)
 * @error_id: (out) (optional): on failure, the line's request id, or -1 when
 *   it had no valid one (PROTOCOL.md §5 says when an error carries the id)
 * @error: an #FP_PROTOCOL_ERROR with a message naming the offending member
 *
 * Strictly decodes one line. Unknown members are ignored; everything else that
 * deviates from PROTOCOL.md is an error of exactly one class.
 * Targets (controller and pin existence) are not checked here: see
 * fp_message_check_target().
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error set.
 */
FpMessage *fp_message_decode (const char *line, gsize len, FpRecipient to,
                              gint64 *error_id, GError **error);

/**
 * fp_message_encode:
 * Returns: (transfer full): the canonical encoding of @msg (PROTOCOL.md §6),
 *   without the newline.
 */
char *fp_message_encode (const FpMessage *msg);

/* Appends the canonical encoding of @msg and a newline to @out. */
void fp_message_append_line (const FpMessage *msg, GString *out);

/**
 * fp_message_check_target:
 * @controllers: the #FpControllerInfo a server serves
 *
 * For the server side: checks that a set/release names a served controller
 * and one of its pins (classes unknown-controller, unknown-pin). Other
 * messages always pass.
 *
 * Returns: the index of the controller in @controllers, -1 for messages
 *   without a target, or -2 with @error set.
 */
int fp_message_check_target (const FpMessage *msg, GPtrArray *controllers, GError **error);

G_END_DECLS
