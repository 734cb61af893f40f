/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-peer-harness.h: what C tests need to run fp-test-peer and to wait for
 * conditions with a deadline that fails the test (never a sleep).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FP_TEST_DEADLINE_S 10

typedef gboolean (*FpTestPredicate) (gpointer data);

/* Iterates the default main context until @pred holds; g_error()s after the deadline. */
void fp_test_wait_until (FpTestPredicate pred, gpointer data, const char *what);
/* The same with a deadline of @seconds, for what takes longer, e.g. a Linux boot. */
void fp_test_wait_until_s (FpTestPredicate pred, gpointer data, const char *what, guint seconds);

typedef struct {
  GSubprocess *process;
  GOutputStream *control;
  GDataInputStream *output;
  char *dir;
  char *address;                /* "unix:DIR/panel.sock" */
} FpTestPeer;

/* Starts the peer on a private socket with tests/peer/boards/@board (or
 * @board itself when it is an absolute path), listening when it returns. */
FpTestPeer *fp_test_peer_start (const char *board);
/* Runs a control command; the peer answers once everything it caused is queued. */
void fp_test_peer_command (FpTestPeer *peer, const char *command);
/* Runs a control command and returns what the peer answered after "ok". */
char *fp_test_peer_query (FpTestPeer *peer, const char *command);
/* Stops the peer (SIGTERM), checks it exited cleanly, and frees it. */
void fp_test_peer_stop (FpTestPeer *peer);

G_END_DECLS
