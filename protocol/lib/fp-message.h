/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-message.h: decoded messages of the Front Panel pin protocol, version 1
 * (protocol/PROTOCOL.md), their strict decoder and canonical encoder.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SECTION:fp-message
 * @title: FpMessage
 * @short_description: decoding and encoding the lines of the pin protocol
 *
 * One #FpMessage per protocol line, in either direction: events from QEMU
 * to the panel and commands from the panel to QEMU. fp_message_decode()
 * checks a line as strictly as PROTOCOL.md says and classifies whatever is
 * wrong with it into one #FpProtocolError; fp_message_encode() writes the
 * one canonical form of a message (PROTOCOL.md §6).
 */

/**
 * FP_PROTOCOL_VERSION:
 *
 * The protocol version this library speaks.
 */
#define FP_PROTOCOL_VERSION 1

/**
 * FP_MAX_LINE:
 *
 * The longest line in bytes, without its newline (PROTOCOL.md §1).
 */
#define FP_MAX_LINE 65536

/**
 * FP_MAX_PINS:
 *
 * The most pins one controller may have (PROTOCOL.md §3.1).
 */
#define FP_MAX_PINS 1024

/**
 * FP_MAX_ID:
 *
 * The largest request id or timestamp: they stay below 2^53, so that every
 * JSON implementation reads them exactly (PROTOCOL.md §2).
 */
#define FP_MAX_ID ((G_GUINT64_CONSTANT (1) << 53) - 1)

/**
 * FP_LEVEL_Z:
 *
 * The "level" of a pin that nobody drives and no pull holds (high
 * impedance); as a drive level, releasing the pin.
 */
#define FP_LEVEL_Z (-1)

/**
 * FpProtocolError:
 * @FP_PROTOCOL_ERROR_TOO_LONG: the line is longer than %FP_MAX_LINE bytes
 * @FP_PROTOCOL_ERROR_SYNTAX: not strict JSON, or not UTF-8
 * @FP_PROTOCOL_ERROR_NOT_OBJECT: JSON, but not an object
 * @FP_PROTOCOL_ERROR_MISSING_FIELD: a required member is absent
 * @FP_PROTOCOL_ERROR_BAD_TYPE: a member has the wrong JSON type
 * @FP_PROTOCOL_ERROR_BAD_VALUE: a member has the right type but a value
 *   out of range or not allowed
 * @FP_PROTOCOL_ERROR_UNKNOWN_COMMAND: "cmd" names no command
 * @FP_PROTOCOL_ERROR_UNKNOWN_EVENT: "event" names no event
 * @FP_PROTOCOL_ERROR_UNKNOWN_CONTROLLER: a command names a controller the
 *   server does not serve (see fp_message_check_target())
 * @FP_PROTOCOL_ERROR_UNKNOWN_PIN: a command names a pin its controller
 *   does not have (see fp_message_check_target())
 * @FP_PROTOCOL_ERROR_VERSION: a hello of another protocol version
 *
 * The error classes of PROTOCOL.md §5, in the order the checks happen: a
 * line with several faults gets the class of the first check it fails.
 * They are the codes of %FP_PROTOCOL_ERROR.
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

/**
 * FP_PROTOCOL_ERROR:
 *
 * The #GError domain of the decoder's errors, with #FpProtocolError codes.
 */
#define FP_PROTOCOL_ERROR (fp_protocol_error_quark ())

/**
 * fp_protocol_error_quark:
 *
 * Gets the quark of the %FP_PROTOCOL_ERROR domain.
 *
 * Returns: the quark of %FP_PROTOCOL_ERROR
 */
GQuark fp_protocol_error_quark (void);

/**
 * fp_protocol_error_to_string:
 * @code: an error class
 *
 * Names an error class as the protocol does.
 *
 * Returns: the class's name on the wire, as an error event carries it,
 *   e.g. "unknown-pin"
 */
const char *fp_protocol_error_to_string (FpProtocolError code);

/**
 * fp_protocol_error_from_string:
 * @name: the name of an error class on the wire, e.g. "unknown-pin"
 *
 * The inverse of fp_protocol_error_to_string().
 *
 * Returns: the #FpProtocolError named @name, or -1 when there is none
 */
int fp_protocol_error_from_string (const char *name);

/**
 * FpRecipient:
 * @FP_TO_PANEL: an event, from QEMU to the panel
 * @FP_TO_QEMU: a command, from the panel to QEMU
 *
 * Which side a line is addressed to.
 */
typedef enum {
  FP_TO_PANEL,
  FP_TO_QEMU,
} FpRecipient;

/**
 * FpMessageKind:
 * @FP_MESSAGE_HELLO: event: the server's hello, with its controllers
 * @FP_MESSAGE_PIN: event: a pin's state
 * @FP_MESSAGE_DROPPED: event: edges of a pin lost to back-pressure
 * @FP_MESSAGE_RESET: event: the guest was reset
 * @FP_MESSAGE_PONG: event: the answer to a ping
 * @FP_MESSAGE_SYNCED: event: the end of a state dump
 * @FP_MESSAGE_ERROR: event: QEMU rejected a command
 * @FP_MESSAGE_CLIENT_HELLO: command: the panel's hello
 * @FP_MESSAGE_SET: command: drive a pin to 0 or 1
 * @FP_MESSAGE_RELEASE: command: stop driving a pin
 * @FP_MESSAGE_SYNC: command: ask for a state dump
 * @FP_MESSAGE_PING: command: ask for a pong
 *
 * Which message an #FpMessage is (PROTOCOL.md §3 and §4).
 */
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

/**
 * FpDirection:
 * @FP_DIR_IN: a GPIO input
 * @FP_DIR_OUT: a GPIO output
 * @FP_DIR_ALT: the pin serves a peripheral (UART, SPI, …)
 * @FP_DIR_ANALOG: the pin is in analog mode
 *
 * What the guest has configured a pin as (a `pin` event's "dir").
 */
typedef enum {
  FP_DIR_IN,
  FP_DIR_OUT,
  FP_DIR_ALT,
  FP_DIR_ANALOG,
} FpDirection;

/**
 * FpDrive:
 * @FP_DRIVE_NONE: nobody drives the pin
 * @FP_DRIVE_GUEST: the guest drives it, as an output
 * @FP_DRIVE_PANEL: a panel drives it, with set
 *
 * Who drives a pin (a `pin` event's "drive").
 */
typedef enum {
  FP_DRIVE_NONE,
  FP_DRIVE_GUEST,
  FP_DRIVE_PANEL,
} FpDrive;

/**
 * FpPull:
 * @FP_PULL_UNKNOWN: the model cannot tell; the "pull" member is absent
 * @FP_PULL_NONE: no pull resistor
 * @FP_PULL_UP: pulled up
 * @FP_PULL_DOWN: pulled down
 *
 * A pin's pull resistor (a `pin` event's "pull").
 */
typedef enum {
  FP_PULL_UNKNOWN,
  FP_PULL_NONE,
  FP_PULL_UP,
  FP_PULL_DOWN,
} FpPull;

/**
 * fp_direction_to_string:
 * @dir: a direction
 *
 * Names a direction as the protocol does.
 *
 * Returns: its name on the wire: "in", "out", "alt" or "analog"
 */
const char *fp_direction_to_string (FpDirection dir);

/**
 * fp_drive_to_string:
 * @drive: who drives a pin
 *
 * Names a drive as the protocol does.
 *
 * Returns: its name on the wire: "none", "guest" or "panel"
 */
const char *fp_drive_to_string (FpDrive drive);

/**
 * fp_pull_to_string:
 * @pull: a pull
 *
 * Names a pull as the protocol does.
 *
 * Returns: (nullable): its name on the wire: "none", "up" or "down"; %NULL
 *   for %FP_PULL_UNKNOWN, which has none
 */
const char *fp_pull_to_string (FpPull pull);

/**
 * FpPinState:
 * @dir: what the guest has configured the pin as
 * @drive: who drives it
 * @level: the level on the pin: 0, 1 or %FP_LEVEL_Z
 * @pull: its pull resistor
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

/**
 * fp_pin_state_equal:
 * @a: a pin state
 * @b: another
 *
 * Compares two pin states as the protocol does.
 *
 * Returns: whether @a and @b make the same `pin` event apart from its time
 *   @t (PROTOCOL.md §3.2): a client that gets such an event learns nothing
 */
gboolean fp_pin_state_equal (const FpPinState *a, const FpPinState *b);

/**
 * FpControllerInfo:
 * @id: the controller's id, e.g. "gpioa": what commands name it by
 * @type: its QEMU device type, e.g. "stm32l4x5-gpio"
 * @path: its QOM path in QEMU
 * @n_pins: how many pins it has, 1 to %FP_MAX_PINS
 * @names: (nullable) (array zero-terminated=1): %NULL, or @n_pins names
 *   ("" for an unnamed pin), e.g. "PA0"
 *
 * One entry of the hello's controller list. The strings belong to it.
 */
typedef struct {
  char *id;
  char *type;
  char *path;
  guint n_pins;
  char **names;
} FpControllerInfo;

/**
 * fp_controller_info_new:
 * @id: the controller's id
 * @type: its QEMU device type
 * @path: its QOM path
 * @n_pins: its number of pins
 *
 * Creates the description of a controller whose pins have no names; set
 * @names to name them.
 *
 * Returns: (transfer full): a new #FpControllerInfo; free it with
 *   fp_controller_info_free()
 */
FpControllerInfo *fp_controller_info_new (const char *id, const char *type,
                                          const char *path, guint n_pins);

/**
 * fp_controller_info_copy:
 * @info: a controller's description
 *
 * Copies a controller's description.
 *
 * Returns: (transfer full): a deep copy of @info
 */
FpControllerInfo *fp_controller_info_copy (const FpControllerInfo *info);

/**
 * fp_controller_info_free:
 * @info: (nullable): a controller's description
 *
 * Frees @info and its strings.
 */
void fp_controller_info_free (FpControllerInfo *info);

/**
 * fp_controller_info_pin_name:
 * @info: a controller's description
 * @pin: a pin number
 *
 * Gets a pin's name.
 *
 * Returns: (nullable): the name of @pin, e.g. "PA5", or %NULL when it has
 *   none or @info has no such pin
 */
const char *fp_controller_info_pin_name (const FpControllerInfo *info, guint pin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpControllerInfo, fp_controller_info_free)

/**
 * FpMessage:
 * @kind: which message; it says which of the other members are meaningful
 * @has_id: whether @id was given (commands; pong, synced and error events)
 * @id: the request id, 1 to %FP_MAX_ID, when @has_id
 * @t: virtual time in ns (hello, pin, dropped, reset, pong, synced)
 * @version: the protocol version (hello, client hello)
 * @qemu: QEMU's version (hello)
 * @machine: the QEMU machine type, e.g. "microbit" (hello)
 * @controllers: (element-type FpControllerInfo): the controllers (hello)
 * @client: (nullable): the client's name and version (client hello)
 * @ctrl: the controller's id (pin, dropped, set, release)
 * @pin: the pin's number (pin, dropped, set, release)
 * @state: the pin's state (pin; its @t equals the message's @t)
 * @edges: how many edges were lost (dropped)
 * @level: the level to drive, 0 or 1 (set)
 * @code: the error class (error)
 * @message: what was wrong, for people (error)
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

/**
 * fp_message_new:
 * @kind: which message
 *
 * Creates a message with no id, the current %FP_PROTOCOL_VERSION, both
 * levels of @state %FP_LEVEL_Z, and for a hello an empty @controllers;
 * fill in the members @kind needs.
 *
 * Returns: (transfer full): a new #FpMessage; free it with fp_message_free()
 */
FpMessage *fp_message_new (FpMessageKind kind);

/**
 * fp_message_free:
 * @msg: (nullable): a message
 *
 * Frees @msg with its strings and controllers.
 */
void fp_message_free (FpMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpMessage, fp_message_free)

/**
 * fp_message_kind_recipient:
 * @kind: which message
 *
 * Tells which side a kind of message goes to.
 *
 * Returns: %FP_TO_PANEL for an event, %FP_TO_QEMU for a command
 */
FpRecipient fp_message_kind_recipient (FpMessageKind kind);

/**
 * fp_message_kind_to_string:
 * @kind: which message
 *
 * Names a kind of message as the protocol does.
 *
 * Returns: its name on the wire: "pin" for %FP_MESSAGE_PIN, "hello" for
 *   both hellos
 */
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
 * @msg: a message with the members its kind needs
 *
 * Encodes a message as the protocol wants it sent.
 *
 * Returns: (transfer full): the canonical encoding of @msg (PROTOCOL.md §6),
 *   without the newline.
 */
char *fp_message_encode (const FpMessage *msg);

/**
 * fp_message_append_line:
 * @msg: a message with the members its kind needs
 * @out: where to append
 *
 * Appends the canonical encoding of @msg and a newline to @out: one line
 * ready to send.
 */
void fp_message_append_line (const FpMessage *msg, GString *out);

/**
 * fp_message_check_target:
 * @msg: a decoded command
 * @controllers: (element-type FpControllerInfo): the controllers a server serves
 * @error: an #FP_PROTOCOL_ERROR when the target does not exist
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
