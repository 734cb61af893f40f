/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fp-peer-harness.h"

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
fp_test_wait_until (FpTestPredicate pred, gpointer data, const char *what)
{
  fp_test_wait_until_s (pred, data, what, FP_TEST_DEADLINE_S);
}

void
fp_test_wait_until_s (FpTestPredicate pred, gpointer data, const char *what, guint seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, deadline_cb, &expired);

  while (!pred (data))
    {
      if (expired)
        g_error ("timed out after %u s waiting for %s", seconds, what);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!expired)
    g_source_remove (id);
}

static char *
read_line (FpTestPeer *peer)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (peer->output, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

FpTestPeer *
fp_test_peer_start (const char *board)
{
  FpTestPeer *peer = g_new0 (FpTestPeer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *board_path = g_path_is_absolute (board) ? g_strdup (board)
                                                          : g_build_filename (PEER_BOARDS_DIR, board, NULL);
  g_autofree char *line = NULL;

  peer->dir = g_dir_make_tmp ("fp-test-peer-XXXXXX", &error);
  g_assert_no_error (error);
  peer->address = g_strdup_printf ("unix:%s/panel.sock", peer->dir);
  peer->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    PEER_PATH, "--listen", peer->address, "--board", board_path, NULL);
  g_assert_no_error (error);
  peer->control = g_subprocess_get_stdin_pipe (peer->process);
  peer->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  line = read_line (peer);
  g_assert_true (g_str_has_prefix (line, "listening "));
  return peer;
}

char *
fp_test_peer_query (FpTestPeer *peer, const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *answer = NULL;

  g_output_stream_write_all (peer->control, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  answer = read_line (peer);
  if (g_str_equal (answer, "ok"))
    return g_strdup ("");
  if (!g_str_has_prefix (answer, "ok "))
    g_error ("peer: %s -> %s", command, answer);
  return g_strdup (answer + strlen ("ok "));
}

void
fp_test_peer_command (FpTestPeer *peer, const char *command)
{
  g_free (fp_test_peer_query (peer, command));
}

void
fp_test_peer_stop (FpTestPeer *peer)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (peer->process, SIGTERM);
  g_subprocess_wait (peer->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (peer->process));
  g_assert_cmpint (g_subprocess_get_exit_status (peer->process), ==, 0);
  g_object_unref (peer->output);
  g_object_unref (peer->process);
  g_rmdir (peer->dir);
  g_free (peer->dir);
  g_free (peer->address);
  g_free (peer);
}
