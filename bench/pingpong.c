/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The floor under every panel round trip: a line-sized ping-pong between
 * two processes over a UNIX stream socket, one message in flight, blocking
 * read()/write().
 *
 *   pingpong COUNT      time COUNT round trips to a forked echo process;
 *                       prints "p50 p99 mean" in nanoseconds (percentiles
 *                       by nearest rank, like fpctl ping)
 *   pingpong --echo PATH
 *                       listen on PATH, print an empty line once listening,
 *                       and answer every line of one client with a pong line
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

static const char ping[] = "{\"cmd\":\"ping\",\"id\":1234}\n";
static const char pong[] = "{\"event\":\"pong\",\"id\":1234,\"t\":812345000}\n";

/* Reads up to and including a '\n'; the peer sends one line at a time. */
static int read_line(int fd)
{
    char buf[256];
    size_t got = 0;

    do {
        ssize_t n = read(fd, buf + got, sizeof(buf) - got);
        if (n <= 0) {
            return -1;
        }
        got += n;
    } while (buf[got - 1] != '\n');
    return 0;
}

static long long now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;

    return x < y ? -1 : x > y;
}

static int echo(int fd)
{
    while (read_line(fd) == 0) {
        if (write(fd, pong, sizeof(pong) - 1) < 0) {
            return 1;
        }
    }
    return 0;
}

static int serve(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int s = socket(AF_UNIX, SOCK_STREAM, 0), c;

    strncpy(addr.sun_path, path, sizeof(addr.sun_path) - 1);
    if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(s, 1) < 0) {
        return 2;
    }
    printf("\n");
    fflush(stdout);
    c = accept(s, NULL, NULL);
    return c < 0 ? 1 : echo(c);
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 10000;
    long long *rtt, sum = 0;
    int sv[2];

    if (argc > 2 && strcmp(argv[1], "--echo") == 0) {
        return serve(argv[2]);
    }
    if (count < 1 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        return 2;
    }
    if (fork() == 0) {
        close(sv[0]);
        return echo(sv[1]);
    }
    close(sv[1]);
    rtt = calloc(count, sizeof(*rtt));
    for (int i = 0; i < count; i++) {
        long long t0 = now_ns();

        if (write(sv[0], ping, sizeof(ping) - 1) < 0 || read_line(sv[0]) < 0) {
            return 1;
        }
        rtt[i] = now_ns() - t0;
        sum += rtt[i];
    }
    close(sv[0]);
    qsort(rtt, count, sizeof(*rtt), cmp);
    printf("%lld %lld %lld\n", rtt[(count * 50 + 99) / 100 - 1],
           rtt[(count * 99 + 99) / 100 - 1], sum / count);
    return 0;
}
