#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The micro:bit demo firmware (microbit/demo.c) on the patched QEMU's
microbit machine, with the project's fpctl as the panel: the UART banner,
button A reaching P1 through the GPIOTE interrupt, P0's blink rate in guest
time, software debouncing, and the LED matrix's picture.

QEMU runs the firmware for real (TCG, no qtest), so its virtual clock follows
the host's; every wait is for a condition, with a deadline that fails the test.

Environment: FP_QEMU_BINDIR, FPCTL, FP_FIRMWARE (set by meson), tests/qemu on
PYTHONPATH for wait_for.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import unittest

from qemu_board import wait_for

FPCTL = os.environ["FPCTL"]
FIRMWARE = os.environ["FP_FIRMWARE"]
QEMU = os.path.join(os.environ["FP_QEMU_BINDIR"], "qemu-system-arm")
DEADLINE = 20
MS = 1000000                            # virtual time is in ns

# The board's pins (demo.c)
DEBOUNCE, P1, P0, BUTTON_A, BUTTON_B = 1, 2, 3, 17, 26
ROWS = [13, 14, 15]
COLS = list(range(4, 13))
# Which LED (x, y) of the 5x5 display each column lights in each row: the
# micro:bit v1's wiring; None where no LED is wired.
MATRIX = [
    [(0, 0), (4, 2), (2, 4)],
    [(2, 0), (0, 2), (4, 4)],
    [(4, 0), (2, 2), (0, 4)],
    [(4, 3), (1, 0), (0, 1)],
    [(3, 3), (3, 0), (1, 1)],
    [(2, 3), (3, 4), (2, 1)],
    [(1, 3), (1, 4), (3, 1)],
    [(0, 3), None, (4, 1)],
    [(1, 2), None, (3, 2)],
]
# demo.c's pictures, in the order button A steps through them
PICTURES = {
    "heart": [".#.#.",
              "#####",
              "#####",
              ".###.",
              "..#.."],
    "arrow": ["..#..",
              ".###.",
              "#.#.#",
              "..#..",
              "..#.."],
    "F": ["####.",
          "#....",
          "###..",
          "#....",
          "#...."],
}


class Demo:
    """QEMU running the demo, with two gpio-panel sockets: "panel" for the
    commands that drive pins, "watch" for a monitor running meanwhile (one
    client per socket)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="fp-microbit-")
        self.serial = os.path.join(self.dir, "serial.log")
        self.log = open(os.path.join(self.dir, "qemu.log"), "w+")
        args = [QEMU, "-machine", "microbit", "-kernel", FIRMWARE,
                "-display", "none", "-monitor", "none", "-serial", "file:" + self.serial]
        self.address = {}
        for name in ("panel", "watch"):
            path = os.path.join(self.dir, name + ".sock")
            self.address[name] = "unix:" + path
            args += ["-chardev", "socket,id=%s,path=%s,server=on,wait=off" % (name, path),
                     "-device", "gpio-panel,chardev=" + name]
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)

    def qemu_log(self):
        self.log.seek(0)
        return self.log.read()[-4000:]

    def serial_output(self):
        try:
            with open(self.serial, "rb") as f:
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self):
        alive = self.proc.poll() is None
        if alive:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(DEADLINE)
        log = self.qemu_log()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        assert alive, "QEMU died during the test:\n" + log


class Monitor:
    """fpctl monitor --json in the background, its events collected by a thread."""

    def __init__(self, demo, pins):
        self.proc = subprocess.Popen(
            [FPCTL, "--connect", demo.address["watch"], "--retry", "10s", "monitor", "--json",
             "gpio"] + [str(p) for p in pins],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.events = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.events.append(json.loads(line))

    def snapshot(self):
        with self.lock:
            return list(self.events)

    def wait(self, condition, what):
        """Waits until condition(events) is true, and returns what it returned."""
        def check():
            if self.proc.poll() is not None:
                raise AssertionError("fpctl monitor exited %d: %s" %
                                     (self.proc.returncode, self.proc.stderr.read()))
            return condition(self.snapshot())
        return wait_for(lambda: check(), what)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(DEADLINE)
        self.thread.join(DEADLINE)
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        assert rc == 0, "fpctl monitor exited %d: %s" % (rc, err)


def edges(events, pin, level):
    """The level changes of @pin from @level: [(t, level)], with the edges
    QEMU coalesced (a "dropped" event) counted as well, at their time."""
    changes = []
    for e in events:
        if e.get("pin") != pin:
            continue
        if e["event"] == "dropped":
            changes += [(e["t"], None)] * e["edges"]
        elif e["event"] == "pin" and e["level"] != level:
            level = e["level"]
            changes.append((e["t"], level))
    return changes


def parse_vcd(path):
    """The pins' levels at the start of a VCD of fpctl's, and their changes
    [(t, pin, level)] after that."""
    codes, initial, changes, t, section = {}, {}, [], None, "header"
    with open(path) as f:
        for line in f:
            line = line.strip()
            m = re.fullmatch(r"\$var wire 1 (\S+) P0\.(\d+) \$end", line)
            if m:
                codes[m.group(1)] = int(m.group(2))
            elif line == "$dumpvars":
                section = "dump"
            elif line == "$end" and section == "dump":
                section = "changes"
            elif line.startswith("#"):
                t = int(line[1:])
            elif line[:1] in ("0", "1", "z") and line[1:] in codes:
                pin, level = codes[line[1:]], None if line[0] == "z" else int(line[0])
                if section == "dump":
                    initial[pin] = level
                elif section == "changes":
                    changes.append((t, pin, level))
    return initial, changes


class DemoTest(unittest.TestCase):
    def setUp(self):
        self.demo = Demo()
        self.addCleanup(self.demo.stop)

    def fpctl(self, *args):
        r = subprocess.run([FPCTL, "--connect", self.demo.address["panel"], "--retry", "10s"] +
                           list(args), capture_output=True, text=True, timeout=DEADLINE)
        self.assertEqual(r.returncode, 0, "fpctl %s: %s" % (" ".join(args), r.stderr))
        return r.stdout

    def monitor(self, pins):
        mon = Monitor(self.demo, pins)
        self.addCleanup(mon.stop)
        return mon

    def banner(self):
        return wait_for(lambda: re.search(r"front panel demo: microbit, .*\r\n",
                                          self.demo.serial_output()), "the banner").group(0)

    def press(self, pin):
        self.fpctl("set", "gpio", "%d=0" % pin)
        self.fpctl("set", "gpio", "%d=1" % pin)

    def picture(self):
        """The 5x5 picture the firmware scans onto the matrix, from the row
        and column pins over its last two scan cycles."""
        vcd = os.path.join(self.demo.dir, "matrix.vcd")
        self.fpctl("monitor", "gpio", *[str(p) for p in ROWS + COLS], "--count", "200", "--vcd", vcd)
        levels, changes = parse_vcd(vcd)
        self.assertEqual(sorted(levels), sorted(ROWS + COLS))
        # Each time a row comes on, the columns that are low light its LEDs.
        # The firmware changes the columns only while every row is off.
        scans = []
        rose = False
        for i, (t, pin, level) in enumerate(changes):
            levels[pin] = level
            rose |= pin in ROWS and level == 1
            if i + 1 < len(changes) and changes[i + 1][0] == t:
                continue                # the rest of the changes at this time
            on = [r for r in range(3) if levels[ROWS[r]] == 1]
            cols = {c for c in range(9) if levels[COLS[c]] == 0}
            self.assertLessEqual(len(on), 1, "two rows on at t=%d" % t)
            if rose:
                scans.append((on[0], cols))
            elif on and scans:
                self.assertEqual(cols, scans[-1][1], "columns changed while a row was on")
            rose = False
        last = scans[-6:]
        self.assertEqual(sorted(r for r, _ in last), [0, 0, 1, 1, 2, 2], scans)
        self.assertEqual(last[:3], last[3:], "the picture changed while it was read")
        image = [["."] * 5 for _ in range(5)]
        for row, cols in last:
            for col in cols:
                self.assertIsNotNone(MATRIX[col][row], "column %d lit in row %d: no LED there" % (col, row))
                x, y = MATRIX[col][row]
                image[y][x] = "#"
        return ["".join(line) for line in image]

    def test_banner(self):
        self.assertIn("P0 blinks at", self.banner())

    def test_button_a_reaches_p1_through_the_gpiote_interrupt(self):
        self.banner()
        # The board's pull-up holds A high while it is not pressed.
        self.fpctl("set", "gpio", "%d=1" % BUTTON_A)
        self.fpctl("wait", "gpio", "%d=1" % P1, "--timeout", "10s")
        for level in (0, 1, 0, 1):
            self.fpctl("set", "gpio", "%d=%d" % (BUTTON_A, level))
            self.fpctl("wait", "gpio", "%d=%d" % (P1, level), "--timeout", "10s")

    def test_blink_period(self):
        hz = int(re.search(r"P0 blinks at (\d+) Hz", self.banner()).group(1))
        half = 10**9 / hz / 2
        mon = self.monitor([P0])
        # 11 periods: 23 edges
        changes = mon.wait(lambda ev: len(ev) >= 23 and ev[:23], "23 changes of P0")
        t = [e["t"] for e in changes if e["event"] == "pin"]
        self.assertEqual(len(t), 23, changes)
        for a, b in zip(t, t[1:]):
            self.assertTrue(0.5 * half < b - a < 1.5 * half, "P0 changed after %d ns" % (b - a))
        # Least squares over every edge: one late interrupt moves it little.
        n = len(t)
        mean_i, mean_t = (n - 1) / 2, sum(t) / n
        slope = (sum((i - mean_i) * (x - mean_t) for i, x in enumerate(t)) /
                 sum((i - mean_i) ** 2 for i in range(n)))
        error = (slope - half) / half
        print("P0: %d half periods of %.6f ms (set: %.6f ms), error %+.4f%%" %
              (n - 1, slope / MS, half / MS, error * 100))
        self.assertLess(abs(error), 0.01)

    def bounce_a(self, debounce, valid, spread):
        """Presses A with a 7-edge bounce until QEMU applies one that @valid
        accepts; returns A's and P1's edges in that press.

        QEMU applies fpctl's edges when its main loop reads them: on a busy
        host, late and several at once, closer than any guest could tell
        apart. The edges as QEMU applied them are in the monitor, so the test
        judges the firmware only on presses it could have seen, and says how
        many it had to repeat."""
        self.banner()
        self.fpctl("set", "gpio", "%d=%d" % (DEBOUNCE, debounce), "%d=1" % BUTTON_A)
        self.fpctl("wait", "gpio", "%d=1" % P1, "--timeout", "10s")
        # A first press makes QEMU translate the interrupt handlers' code, which
        # costs the first interrupt a few hundred microseconds.
        for level in (0, 1):
            self.fpctl("set", "gpio", "%d=%d" % (BUTTON_A, level))
            self.fpctl("wait", "gpio", "%d=%d" % (P1, level), "--timeout", "10s")
        mon = self.monitor([P1, P0, BUTTON_A])
        mon.wait(lambda ev: ev, "the monitor's first event")
        for attempt in range(1, 11):
            start = len(mon.snapshot())
            # Seed 37 puts the 7 edges at least a tenth of the spread apart
            # (seed 1 has two 1/1000 apart, which no guest could tell apart).
            self.fpctl("set", "--bounce", spread, "--bounce-edges", "7", "--seed", "37",
                       "gpio", "%d=0" % BUTTON_A)
            a = mon.wait(lambda ev: len(edges(ev[start:], BUTTON_A, 1)) >= 7 and
                         edges(ev[start:], BUTTON_A, 1), "A's 7 edges")
            self.assertEqual([level for _, level in a], [0, 1, 0, 1, 0, 1, 0])
            # Events come in the order of their virtual time: once P0 changes
            # 60 ms after A's last edge, P1 has shown every change it will.
            end = mon.wait(lambda ev: next((e["t"] for e in ev[start:] if e.get("pin") == P0 and
                                            e["t"] > a[-1][0] + 60 * MS), None),
                           "P0 to change 60 ms after the bounce")
            p1 = [e for e in edges(mon.snapshot()[start:], P1, 1) if e[0] <= end]
            if valid(a):
                print("A bounced %s: as QEMU applied it on attempt %d" %
                      (" ".join("%.3f" % ((t - a[0][0]) / MS) for t, _ in a), attempt))
                return a, p1
            print("attempt %d: QEMU applied A's edges at %s ms: repeated" %
                  (attempt, " ".join("%.3f" % ((t - a[0][0]) / MS) for t, _ in a)))
            self.fpctl("set", "gpio", "%d=1" % BUTTON_A)
            self.fpctl("wait", "gpio", "%d=1" % P1, "--timeout", "10s")
        self.fail("the host never delivered the bounce in time (see the attempts above)")

    def test_bounce_reaches_p1_without_debounce(self):
        # Edges 0.4 ms apart leave the firmware time to answer each one.
        # Over 60 ms, edges 6 ms apart at least: a host that delivers edges
        # a millisecond late (an ASan build of fpctl does, on 2 cores) still
        # gets them to QEMU one by one, as test_firmware.py's BOUNCE_SLOW.
        a, p1 = self.bounce_a(0, lambda a: all(y[0] - x[0] >= 0.4 * MS for x, y in zip(a, a[1:])),
                              "60ms")
        self.assertEqual([level for _, level in p1], [0, 1, 0, 1, 0, 1, 0])

    def test_debounce_leaves_one_edge(self):
        # The whole bounce inside the 20 ms the firmware waits
        a, p1 = self.bounce_a(1, lambda a: a[-1][0] - a[0][0] < 15 * MS, "5ms")
        self.assertEqual([level for _, level in p1], [0])
        # The firmware took the level 20 ms after the first edge.
        self.assertGreaterEqual(p1[0][0] - a[0][0], 20 * MS)

    def test_matrix_picture_and_buttons(self):
        self.banner()
        self.fpctl("set", "gpio", "%d=1" % BUTTON_A, "%d=1" % BUTTON_B)
        self.assertEqual(self.picture(), PICTURES["heart"])
        self.press(BUTTON_A)
        self.assertEqual(self.picture(), PICTURES["arrow"])
        self.press(BUTTON_B)
        self.assertEqual(self.picture(), PICTURES["heart"])
        self.press(BUTTON_B)
        self.assertEqual(self.picture(), PICTURES["F"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
