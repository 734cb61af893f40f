/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fpctl.h: what the fpctl commands share: the connection, exit codes,
 * and parsing of pins, levels and durations.
 */
#pragma once

#include <gio/gio.h>

#include "fp-client.h"

G_BEGIN_DECLS

/* Exit codes; fpctl(1) documents them. */
enum {
  FPCTL_EXIT_OK = 0,
  FPCTL_EXIT_TIMEOUT = 1,
  FPCTL_EXIT_USAGE = 2,
  FPCTL_EXIT_CONNECTION = 3,
  FPCTL_EXIT_TARGET = 4,
};

#define FPCTL_ADDRESS_ENV "FRONTPANEL_ADDRESS"

typedef struct {
  char *address;
  gint64 retry_us;              /* keep trying to connect this long */
  /* wait (with --retry) rides out a QEMU restart */
  gboolean survive_loss;
  FpClient *client;
  GMainLoop *loop;
  int exit_code;
  gboolean was_ready;
} Fpctl;

/* A PIN=VALUE or PIN argument after it has been matched against the hello. */
typedef struct {
  char *token;                  /* as the user typed it */
  guint pin;
  int level;                    /* 0, 1, FP_LEVEL_Z, or -2 when none was given */
} FpctlPin;

/* Ends the main loop with @code; the first code set wins. */
void fpctl_finish (Fpctl *ctl, int code);
void fpctl_fail (Fpctl *ctl, int code, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

/* Connects and runs the loop until the state dump is complete. */
gboolean fpctl_connect (Fpctl *ctl);
/* Runs the main loop until fpctl_finish(); returns the exit code. */
int fpctl_run (Fpctl *ctl);

/* "5ms", "1.5s", "250us", "2min"; a bare number is seconds. */
gboolean fpctl_parse_duration (const char *text, gint64 *out_us, GError **error);
/*
 * The value of a duration option: @text NULL (not given) leaves @out_us as it
 * is; a bad one prints "COMMAND: --OPTION: problem" and fails with usage.
 */
gboolean fpctl_duration_option (Fpctl *ctl, const char *command, const char *option,
                                const char *text, gint64 *out_us);
/* 0/1/low/high, plus z/hi-z when @allow_z. */
gboolean fpctl_parse_level (const char *text, gboolean allow_z, int *out);

/*
 * Resolves a controller id and pin arguments ("5", "PA5", "PA5=1") after the
 * hello. With @want_value each argument must carry "=VALUE"; without it none
 * may. Prints the problem and returns -1 on error, else the controller index;
 * @pins receives one FpctlPin per argument.
 */
int fpctl_resolve_pins (Fpctl *ctl, const char *ctrl, char **args, gboolean want_value,
                        gboolean allow_z, GArray **pins);

/* Sends a ping and runs the loop until its pong: every earlier command is then applied. */
gboolean fpctl_barrier (Fpctl *ctl);
/* QEMU's virtual time now (a ping's pong), or -1 without a connection. */
gint64 fpctl_virtual_now (Fpctl *ctl);
/* Prints "no controller ID on MACHINE (it has: …)" and fails with FPCTL_EXIT_TARGET. */
void fpctl_no_controller (Fpctl *ctl, const char *id);

/* Text for a level: "0", "1", "z". */
const char *fpctl_level_string (int level);

int fpctl_cmd_info (Fpctl *ctl, int argc, char **argv);
int fpctl_cmd_get (Fpctl *ctl, int argc, char **argv);
int fpctl_cmd_set (Fpctl *ctl, int argc, char **argv);
int fpctl_cmd_release (Fpctl *ctl, int argc, char **argv);
int fpctl_cmd_monitor (Fpctl *ctl, int argc, char **argv);
int fpctl_cmd_wait (Fpctl *ctl, int argc, char **argv);
int fpctl_cmd_ping (Fpctl *ctl, int argc, char **argv);

/*
 * Parses a command's options (plus the global ones, which may also follow
 * the command). Returns FALSE after printing the problem.
 */
gboolean fpctl_parse_options (Fpctl *ctl, const char *command, const char *args_help,
                              const char *summary, const GOptionEntry *entries,
                              int *argc, char ***argv);

G_END_DECLS
