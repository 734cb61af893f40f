/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fp-qemu.c: QEMU as a child of the app. The serial console is QEMU's
 * stdio (-serial stdio), read as it comes and written from a queue, so a
 * guest that prints a lot or a user who types a lot never blocks the
 * window. stderr is kept (its end) to say why QEMU stopped.
 *
 * QEMU must never outlive the app: the child asks the kernel for SIGKILL
 * when the app dies (PR_SET_PDEATHSIG), and stopping sends SIGTERM, then
 * SIGKILL if QEMU lingers. Every pending operation holds a reference, so
 * the object lives until QEMU is reaped and its pipes are drained.
 */
#define G_LOG_DOMAIN "fp-qemu"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fp-qemu.h"

/* How much of QEMU's stderr is kept: its last words are what matter. */
#define STDERR_KEEP 8192
#define READ_CHUNK 4096
#define KILL_AFTER_S 5

struct _FpQemu
{
  GObject parent_instance;

  GSubprocess *process;
  GCancellable *cancellable;
  char *dir;
  char *socket_path;
  char *address;
  GString *stderr_text;
  GByteArray *pending;          /* console input not yet written */
  gboolean writing;
  gboolean exited;              /* reaped */
  gboolean stderr_done;         /* EOF (or error) on stderr */
  gboolean stopped;             /* by fp_qemu_stop(): no ::exited */
};

G_DEFINE_FINAL_TYPE (FpQemu, fp_qemu, G_TYPE_OBJECT)

enum {
  OUTPUT,
  EXITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
remove_dir (FpQemu *self)
{
  if (self->dir == NULL)
    return;
  /* QEMU may still be going down: its socket goes anyway. */
  g_unlink (self->socket_path);
  if (g_rmdir (self->dir) != 0)
    g_warning ("cannot remove %s: %s", self->dir, g_strerror (errno));
  g_clear_pointer (&self->dir, g_free);
}

static char *
describe_exit (FpQemu *self)
{
  g_autofree char *how = NULL;
  g_autofree char *said = g_strstrip (g_strdup (self->stderr_text->str));

  if (g_subprocess_get_if_signaled (self->process))
    {
      int sig = g_subprocess_get_term_sig (self->process);

      /* Translators: %d is a signal number, %s its description, e.g. "Killed" */
      how = g_strdup_printf (_("QEMU was killed by signal %d (%s)"), sig, g_strsignal (sig));
    }
  else
    /* Translators: %d is QEMU's exit status */
    how = g_strdup_printf (_("QEMU exited with status %d"), g_subprocess_get_exit_status (self->process));
  if (*said == '\0')
    return g_steal_pointer (&how);
  return g_strdup_printf ("%s:\n%s", how, said);
}

/* Once QEMU is reaped and its stderr read to the end. */
static void
maybe_report_exit (FpQemu *self)
{
  g_autofree char *message = NULL;

  if (!self->exited || !self->stderr_done || self->stopped)
    return;
  remove_dir (self);
  message = describe_exit (self);
  g_message ("%s", message);
  g_signal_emit (self, signals[EXITED], 0, message);
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FpQemu) self = user_data;

  /* Cancelled only when stopped; it is reaped all the same. */
  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL))
    return;
  self->exited = TRUE;
  maybe_report_exit (self);
}

static void read_stdout (FpQemu *self);
static void read_stderr (FpQemu *self);

static void
on_stdout_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FpQemu) self = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || self->stopped)
    return;
  g_signal_emit (self, signals[OUTPUT], 0, bytes);
  read_stdout (self);
}

static void
read_stdout (FpQemu *self)
{
  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (self->process), READ_CHUNK,
                                   G_PRIORITY_DEFAULT, self->cancellable,
                                   on_stdout_read, g_object_ref (self));
}

static void
on_stderr_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FpQemu) self = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  const char *data;
  gsize size;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      self->stderr_done = TRUE;
      maybe_report_exit (self);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  g_string_append_len (self->stderr_text, data, size);
  if (self->stderr_text->len > STDERR_KEEP)
    g_string_erase (self->stderr_text, 0, self->stderr_text->len - STDERR_KEEP);
  read_stderr (self);
}

static void
read_stderr (FpQemu *self)
{
  g_input_stream_read_bytes_async (g_subprocess_get_stderr_pipe (self->process), READ_CHUNK,
                                   G_PRIORITY_DEFAULT, self->cancellable,
                                   on_stderr_read, g_object_ref (self));
}

static void write_pending (FpQemu *self);

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FpQemu) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize written = g_output_stream_write_bytes_finish (G_OUTPUT_STREAM (source), result, &error);

  self->writing = FALSE;
  if (written < 0)
    {
      /* QEMU is gone or going: ::exited says so. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("console input: %s", error->message);
      g_byte_array_set_size (self->pending, 0);
      return;
    }
  g_byte_array_remove_range (self->pending, 0, written);
  write_pending (self);
}

static void
write_pending (FpQemu *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (self->writing || self->pending->len == 0 || self->process == NULL || self->stopped)
    return;
  bytes = g_bytes_new (self->pending->data, self->pending->len);
  self->writing = TRUE;
  g_output_stream_write_bytes_async (g_subprocess_get_stdin_pipe (self->process), bytes,
                                     G_PRIORITY_DEFAULT, self->cancellable,
                                     on_written, g_object_ref (self));
}

void
fp_qemu_send (FpQemu     *self,
              const char *data,
              gsize       length)
{
  g_return_if_fail (FP_IS_QEMU (self));

  if (self->process == NULL || self->exited || self->stopped)
    return;
  g_byte_array_append (self->pending, (const guint8 *) data, length);
  write_pending (self);
}

gboolean
fp_qemu_start (FpQemu              *self,
               const char * const  *argv,
               GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) full = NULL;
  g_autofree char *template = NULL;
  g_autofree char *chardev = NULL;

  g_return_val_if_fail (FP_IS_QEMU (self), FALSE);
  g_return_val_if_fail (self->process == NULL, FALSE);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);

  template = g_build_filename (g_get_user_runtime_dir (), "frontpanel-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s are a folder, then why it cannot be made */
                   _("Cannot make a private folder in %s: %s"), g_get_user_runtime_dir (), g_strerror (saved));
      return FALSE;
    }
  self->dir = g_steal_pointer (&template);
  self->socket_path = g_build_filename (self->dir, "panel.sock", NULL);
  self->address = g_strconcat ("unix:", self->socket_path, NULL);

  /* wait=off: the guest runs at once; the window's client retries until
   * the socket is there. */
  chardev = g_strdup_printf ("socket,id=panel,path=%s,server=on,wait=off", self->socket_path);
  g_strv_builder_addv (builder, (const char **) argv);
  g_strv_builder_add_many (builder, "-display", "none", "-monitor", "none", "-serial", "stdio",
                           "-chardev", chardev, "-device", "gpio-panel,chardev=panel", NULL);
  full = g_strv_builder_end (builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full, error);
  if (self->process == NULL)
    {
      remove_dir (self);
      return FALSE;
    }
  g_debug ("QEMU %s started: %s", g_subprocess_get_identifier (self->process), self->address);
  g_subprocess_wait_async (self->process, self->cancellable, on_waited, g_object_ref (self));
  read_stdout (self);
  read_stderr (self);
  return TRUE;
}

const char *
fp_qemu_get_address (FpQemu *self)
{
  g_return_val_if_fail (FP_IS_QEMU (self), NULL);
  return self->address;
}

const char *
fp_qemu_get_pid (FpQemu *self)
{
  g_return_val_if_fail (FP_IS_QEMU (self), NULL);
  return self->process ? g_subprocess_get_identifier (self->process) : NULL;
}

const char *
fp_qemu_get_dir (FpQemu *self)
{
  g_return_val_if_fail (FP_IS_QEMU (self), NULL);
  return self->dir;
}

static gboolean
kill_lingering (gpointer data)
{
  GSubprocess *process = data;

  if (g_subprocess_get_identifier (process) != NULL)
    {
      g_warning ("QEMU %s did not quit on SIGTERM: killing it", g_subprocess_get_identifier (process));
      g_subprocess_force_exit (process);
    }
  return G_SOURCE_REMOVE;
}

void
fp_qemu_stop (FpQemu *self)
{
  g_return_if_fail (FP_IS_QEMU (self));

  if (self->stopped)
    return;
  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->process != NULL && g_subprocess_get_identifier (self->process) != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, KILL_AFTER_S, kill_lingering,
                                  g_object_ref (self->process), g_object_unref);
    }
  remove_dir (self);
}

FpQemu *
fp_qemu_new (void)
{
  return g_object_new (FP_TYPE_QEMU, NULL);
}

static void
fp_qemu_dispose (GObject *object)
{
  FpQemu *self = (FpQemu *) object;

  /* Pending operations hold references: here QEMU has exited or was
   * stopped; stopping again is harmless. */
  fp_qemu_stop (self);
  G_OBJECT_CLASS (fp_qemu_parent_class)->dispose (object);
}

static void
fp_qemu_finalize (GObject *object)
{
  FpQemu *self = (FpQemu *) object;

  g_clear_object (&self->process);
  g_clear_object (&self->cancellable);
  g_free (self->socket_path);
  g_free (self->address);
  g_string_free (self->stderr_text, TRUE);
  g_byte_array_unref (self->pending);
  G_OBJECT_CLASS (fp_qemu_parent_class)->finalize (object);
}

static void
fp_qemu_class_init (FpQemuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_qemu_dispose;
  object_class->finalize = fp_qemu_finalize;

  signals[OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[EXITED] =
    g_signal_new ("exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fp_qemu_init (FpQemu *self)
{
  self->cancellable = g_cancellable_new ();
  self->stderr_text = g_string_new (NULL);
  self->pending = g_byte_array_new ();
}
