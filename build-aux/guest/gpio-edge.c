// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gpio-edge: waits for edges on a sysfs GPIO value file with poll(), the way
 * Documentation/admin-guide/gpio/sysfs.rst describes it, and prints the
 * level after each one. busybox has no poll() tool, and a shell loop that
 * reads the file would be polling, not waiting for the interrupt.
 *
 * Usage: gpio-edge [-n COUNT] [-t SECONDS] /sys/class/gpio/gpioN/value
 *   Set the pin's "edge" file (rising, falling or both) first. Prints
 *   "value V" with the level at the start, then "edge V" per wake-up;
 *   ends after COUNT edges (default: never), or with "timeout" and status 1
 *   when SECONDS (default: forever) pass without an edge.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage (void)
{
  fprintf (stderr, "usage: gpio-edge [-n COUNT] [-t SECONDS] /sys/class/gpio/gpioN/value\n");
  exit (2);
}

static long
number (const char *text, const char *what)
{
  char *end;
  long n;

  errno = 0;
  n = strtol (text, &end, 10);
  if (errno || end == text || *end || n < 0)
    {
      fprintf (stderr, "gpio-edge: %s must be a number >= 0, got '%s'\n", what, text);
      exit (2);
    }
  return n;
}

/* The level, read from the start: the read also re-arms the notification. */
static int
read_level (int fd, const char *path)
{
  char buf[8];
  ssize_t n = -1;

  if (lseek (fd, 0, SEEK_SET) < 0 || (n = read (fd, buf, sizeof buf - 1)) <= 0)
    {
      fprintf (stderr, "gpio-edge: reading %s: %s\n", path, n == 0 ? "empty" : strerror (errno));
      exit (3);
    }
  return buf[0] == '1';
}

int
main (int argc, char **argv)
{
  long count = -1, timeout_ms = -1;
  const char *path;
  struct pollfd pfd;
  int opt;

  while ((opt = getopt (argc, argv, "n:t:")) != -1)
    {
      if (opt == 'n')
        count = number (optarg, "COUNT");
      else if (opt == 't')
        timeout_ms = number (optarg, "SECONDS") * 1000;
      else
        usage ();
    }
  if (optind != argc - 1)
    usage ();
  path = argv[optind];

  pfd.fd = open (path, O_RDONLY);
  if (pfd.fd < 0)
    {
      fprintf (stderr, "gpio-edge: %s: %s\n", path, strerror (errno));
      return 3;
    }
  /* sysfs signals an edge as an exceptional condition on the file. */
  pfd.events = POLLPRI | POLLERR;
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("value %d\n", read_level (pfd.fd, path));

  for (long seen = 0; count < 0 || seen < count; seen++)
    {
      int r = poll (&pfd, 1, timeout_ms);

      if (r < 0)
        {
          fprintf (stderr, "gpio-edge: poll: %s\n", strerror (errno));
          return 3;
        }
      if (r == 0)
        {
          printf ("timeout\n");
          return 1;
        }
      printf ("edge %d\n", read_level (pfd.fd, path));
    }
  return 0;
}
