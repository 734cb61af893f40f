#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of fpctl: the real binary against a live protocol server.

Each run has one server (servers.py): FP_CLI_SERVER=peer, tests/peer's
fp-test-peer, its "guest" driven through the peer's control channel; or
FP_CLI_SERVER=qemu, the real patched QEMU with qtest as the guest. Both serve
the same pins. A test that cannot apply to one of them says why, and is
reported as skipped with that reason. Every wait here is for a condition or a
process, with a deadline that fails the test.

Environment (set by meson): FPCTL, FP_CLI_SERVER, PYTHONPATH (for
tests/qemu/qemu_board.py); FP_TEST_PEER and FP_PEER_BOARDS for the peer,
FP_QEMU_BINDIR for QEMU.
"""
import json
import os
import re
import subprocess
import unittest

from servers import DEADLINE, PeerServer, server_class

FPCTL = os.environ["FPCTL"]
Server = server_class()


def peer_only(why):
    return unittest.skipUnless(Server is PeerServer, "peer only: " + why)


def fpctl(*args, address=None, env=None, timeout=DEADLINE):
    cmd = [FPCTL]
    if address:
        cmd += ["--connect", address]
    return subprocess.run(cmd + list(args), capture_output=True, text=True,
                          timeout=timeout, env=env)


def fpctl_bg(*args, address=None):
    cmd = [FPCTL] + (["--connect", address] if address else []) + list(args)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class ServerTest(unittest.TestCase):
    blink = False
    watch = None       # the controller whose pins need a history() on QEMU

    def setUp(self):
        self.server = Server(blink=self.blink, watch=self.watch)
        self.addCleanup(self.server.stop)

    def run_ok(self, *args):
        r = fpctl(*args, address=self.server.address)
        self.assertEqual(r.returncode, 0, "fpctl %s: %s" % (" ".join(args), r.stderr))
        self.assertEqual(r.stderr, "")
        return r.stdout

    def assert_fails(self, code, message, *args, address="server"):
        r = fpctl(*args, address=self.server.address if address == "server" else address)
        self.assertEqual(r.returncode, code, "stdout %r stderr %r" % (r.stdout, r.stderr))
        self.assertIn(message, r.stderr)
        self.assertTrue(r.stderr.startswith("fpctl: "), r.stderr)
        return r


class InfoGet(ServerTest):
    def test_info(self):
        out = self.run_ok("info")
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("%s (QEMU %s) at unix:" % (Server.machine,
                                                                      Server.version)))
        for ctrl in Server.controllers:
            self.assertIn("%s: %s at /machine/soc/%s, 16 pins" % (ctrl, Server.ctrl_type, ctrl),
                          lines)
        rows = [l.split() for l in lines if re.match(r"^\s+\d+\s", l)]
        self.assertEqual(len(rows), 16 * len(Server.controllers))
        rows = {tuple(r[:2]): r for r in rows}
        self.assertEqual(rows[("5", "PA5")][2:], ["out", "0", "guest", "none", "-"])
        self.assertEqual(rows[("13", "PC13")][2:], ["in", "1", "none", "up", "-"])

    def test_info_one_controller(self):
        out = self.run_ok("info", "gpiob")
        self.assertNotIn("gpioa:", out)
        self.assertIn("gpiob: %s" % Server.ctrl_type, out)
        self.assert_fails(4, "no controller 'gpioz' on %s (it has: %s)"
                          % (Server.machine, ", ".join(Server.controllers)), "info", "gpioz")

    def test_get(self):
        self.assertEqual(self.run_ok("get", "gpioa", "PA5", "5", "pa5"), "PA5=0 5=0 pa5=0\n")
        self.assertEqual(self.run_ok("get", "--values", "gpioc", "PC13", "0"), "1 z\n")
        self.assert_fails(4, "no pin 'PA16': gpioa has pins 0-15 (PA0-PA15)", "get", "gpioa", "PA16")
        self.assert_fails(4, "no pin '16': gpiob has pins 0-15", "get", "gpiob", "16")
        self.assert_fails(2, "expected a pin, without '='", "get", "gpioa", "PA5=1")


class SetRelease(ServerTest):
    watch = "gpiob"

    def test_set_drives_until_released(self):
        self.run_ok("set", "gpioc", "PC13=0")
        self.server.run_mirror()
        # The drive outlives fpctl, and the guest's mirror has lit the LED.
        self.assertEqual(self.run_ok("get", "gpioc", "PC13"), "PC13=0\n")
        self.assertEqual(self.run_ok("get", "gpioa", "PA5"), "PA5=1\n")
        info = self.run_ok("info", "gpioc")
        self.assertRegex(info, r"\n\s+13\s+PC13\s+in\s+0\s+panel\s+up\s+0\n")
        self.run_ok("release", "gpioc", "PC13")
        self.server.run_mirror()
        self.assertEqual(self.run_ok("get", "gpioc", "PC13"), "PC13=1\n")
        self.assertEqual(self.run_ok("get", "gpioa", "PA5"), "PA5=0\n")

    def test_set_levels_and_several_pins(self):
        self.run_ok("set", "gpiob", "0=high", "1=low", "2=1")
        self.assertEqual(self.run_ok("get", "--values", "gpiob", "0", "1", "2", "3"), "1 0 1 z\n")

    def test_hold_restores(self):
        self.run_ok("set", "gpiob", "3=1")
        self.server.history("gpiob", 3)
        self.run_ok("set", "--hold", "50ms", "gpiob", "3=0", "4=1")
        # Afterwards each pin has what the panel drove before: 3 back to 1, 4 released.
        self.assertEqual(self.run_ok("get", "--values", "gpiob", "3", "4"), "1 z\n")
        self.assertEqual(self.server.history("gpiob", 3), [0, 1])

    def test_usage_errors(self):
        self.assert_fails(2, "expected PIN=VALUE", "set", "gpioa", "PA5")
        self.assert_fails(2, "the value must be 0, 1, low or high", "set", "gpioa", "PA5=2")
        self.assert_fails(2, "--bounce-edges must be odd", "set", "--bounce", "5ms",
                          "--bounce-edges", "4", "gpioc", "13=0")
        self.assert_fails(2, "too short for 7 edges", "set", "--bounce", "3us",
                          "--bounce-edges", "7", "gpioc", "13=0")
        self.assert_fails(2, "only make sense with --bounce", "set", "--seed", "3", "gpioc", "13=0")
        self.assert_fails(2, "'5 parsecs' is not a duration", "set", "--hold", "5 parsecs",
                          "gpioc", "13=0")
        self.assert_fails(4, "no controller 'gpioz'", "set", "gpioz", "1=0")
        self.assert_fails(4, "no pin 'PA99'", "release", "gpioa", "PA99")
        # Nothing of the above reached the board.
        self.assertEqual(self.run_ok("get", "--values", "gpioc", "13"), "1\n")


class Wait(ServerTest):
    def test_wait_wakes_on_change(self):
        waiter = fpctl_bg("wait", "gpioa", "PA5=1", "--timeout", "15s", address=self.server.address)
        self.server.wait_client()
        self.assertIsNone(waiter.poll())
        self.server.output("gpioa", 5, 1)
        self.assertEqual(waiter.wait(DEADLINE), 0, waiter.stderr.read())
        waiter.stdout.close()
        waiter.stderr.close()

    def test_wait_already_met_and_timeout(self):
        self.run_ok("wait", "gpioa", "PA5=0", "PA0=z", "--timeout", "5s")
        r = fpctl("wait", "gpioa", "PA5=1", "--timeout", "300ms", address=self.server.address)
        self.assertEqual(r.returncode, 1)
        self.run_ok("wait", "--any", "gpioa", "PA5=1", "PA0=z", "--timeout", "5s")

    def test_wait_retries_until_qemu_is_up(self):
        sockdir = os.path.join(self.server.dir, "later")
        os.mkdir(sockdir)
        waiter = fpctl_bg("--retry", "15s", "wait", "gpioa", "PA5=0", "--timeout", "15s",
                          address="unix:" + os.path.join(sockdir, "panel.sock"))
        later = Server(sockdir=sockdir)
        self.addCleanup(later.stop)
        self.assertEqual(waiter.wait(DEADLINE), 0, waiter.stderr.read())
        waiter.stdout.close()
        waiter.stderr.close()


class Monitor(ServerTest):
    blink = True

    def monitor_blink(self, edges, *args):
        """The output of `fpctl monitor @args` while the guest blinks PB14 @edges times."""
        mon = fpctl_bg("monitor", *args, address=self.server.address)
        self.server.wait_client()
        self.server.run_blink(edges)
        self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
        out, err = mon.stdout.read(), mon.stderr.read()
        mon.stdout.close()
        mon.stderr.close()
        self.assertEqual(err, "")
        return out

    def test_blink_lines_and_exact_period(self):
        out = self.monitor_blink(6, "gpiob", "14", "--count", "6")
        lines = out.splitlines()
        self.assertEqual(len(lines), 6)
        times, levels = [], []
        for line in lines:
            m = re.fullmatch(r"(\d+)\.(\d{9}) gpiob 14 %s ([01]) dir=out drive=guest pull=none "
                             r"panel=-" % Server.name("gpiob", 14), line)
            self.assertIsNotNone(m, line)
            times.append(int(m.group(1)) * 10**9 + int(m.group(2)))
            levels.append(int(m.group(3)))
        # Half of the board's 2 ms period between edges, in virtual time, exactly.
        self.assertEqual({b - a for a, b in zip(times, times[1:])}, {1000000})
        self.assertEqual([a ^ b for a, b in zip(levels, levels[1:])], [1] * 5)

    def test_count_is_exact_within_one_read(self):
        mon = fpctl_bg("monitor", "gpioa", "PA5", "--count", "3", address=self.server.address)
        self.server.wait_client()
        # Ten edges at once arrive in one read: the monitor must still stop at three.
        self.server.flood("gpioa", 5, 10)
        self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
        self.assertEqual(len(mon.stdout.read().splitlines()), 3)
        mon.stdout.close()
        mon.stderr.close()

    def test_json(self):
        out = self.monitor_blink(3, "--json", "gpiob", "14", "-n", "3")
        events = [json.loads(l) for l in out.splitlines()]
        self.assertEqual([e["event"] for e in events], ["pin"] * 3)
        self.assertTrue(all(e["ctrl"] == "gpiob" and e["pin"] == 14 for e in events))
        self.assertEqual(list(events[0]), ["event", "ctrl", "pin", "dir", "drive", "level", "pull",
                                           "panel", "t"])

    def test_timeout_without_enough_changes(self):
        r = fpctl("monitor", "gpioa", "PA5", "--count", "1", "--timeout", "300ms",
                  address=self.server.address)
        self.assertEqual((r.returncode, r.stdout), (1, ""))
        self.run_ok("monitor", "gpioa", "PA5", "--timeout", "200ms")

    def test_reset_and_lost_connection(self):
        mon = fpctl_bg("monitor", "gpioa", "PA7", "--count", "2", address=self.server.address)
        self.server.wait_client()
        self.server.output("gpioa", 7, 1)
        self.server.reset()
        # The monitor goes on across the reset; its line does not count.
        self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
        out = mon.stdout.read().splitlines()
        mon.stdout.close()
        mon.stderr.close()
        self.assertEqual(len(out), 3, out)
        self.assertRegex(out[0], r"^\d+\.\d{9} gpioa 7 PA7 1 dir=out drive=guest pull=none panel=-$")
        self.assertRegex(out[1], r"^\d+\.\d{9} reset$")
        self.assertRegex(out[2], r"^\d+\.\d{9} gpioa 7 PA7 z dir=%s drive=none pull=none panel=-$"
                         % Server.reset_dir)
        # Then the server goes away (the peer closes the connection, QEMU quits).
        mon = fpctl_bg("monitor", "gpioa", address=self.server.address)
        self.server.wait_client()
        self.server.disconnect()
        self.assertEqual(mon.wait(DEADLINE), 3)
        self.assertEqual(mon.stdout.read(), "")
        self.assertIn("QEMU closed the connection", mon.stderr.read())
        mon.stdout.close()
        mon.stderr.close()

    def test_vcd_read_by_sigrok(self):
        vcd = os.path.join(self.server.dir, "blink.vcd")
        # A pin named twice is one wire.
        out = self.monitor_blink(8, "gpiob", "14", "15", "14", "--count", "8", "--vcd", vcd)
        times = [int(l.split()[0].replace(".", "")) for l in out.splitlines()]
        with open(vcd) as f:
            header = f.read()
        self.assertIn("$timescale 1ns $end", header)
        self.assertIn("$scope module gpiob $end", header)
        # A wire has its pin's name, or "p" and its number when the pin has none.
        p14, p15 = [Server.name("gpiob", p).replace("-", "p%d" % p) for p in (14, 15)]
        self.assertEqual(len(re.findall(r"\$var wire 1 \S+ %s \$end" % p14, header)), 1)
        # sigrok's own VCD writer, fed by its VCD reader: a real third-party parse.
        r = subprocess.run(["sigrok-cli", "-I", "vcd", "-i", vcd, "-O", "vcd"],
                           capture_output=True, text=True, timeout=DEADLINE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"\$var wire 1 (\S+) %s \$end" % p14)
        self.assertRegex(r.stdout, r"\$var wire 1 (\S+) %s \$end" % p15)
        code = re.search(r"\$var wire 1 (\S+) %s \$end" % p14, r.stdout).group(1)
        changes = []
        for m in re.finditer(r"^#(\d+)((?: [01][^\s]+)*)$", r.stdout, re.M):
            for v in m.group(2).split():
                if v[1:] == code:
                    changes.append(int(m.group(1)))
        # sigrok starts its time at the recording's start; edges keep fpctl's spacing.
        self.assertEqual(len(changes), 1 + 8)      # the initial value, then every edge
        edges = changes[1:]
        self.assertEqual([b - a for a, b in zip(edges, edges[1:])],
                         [b - a for a, b in zip(times, times[1:])])


class Bounce(ServerTest):
    watch = "gpioc"

    def test_bounce_edges_in_order(self):
        self.run_ok("set", "--bounce", "5ms", "--bounce-edges", "7", "--seed", "3", "gpioc", "PC13=0")
        # Press: 7 edges alternating (pull-up in between), settling pressed.
        self.assertEqual(self.server.history("gpioc", 13), [0, 1, 0, 1, 0, 1, 0])
        self.run_ok("set", "--hold", "20ms", "--bounce", "2ms", "--bounce-edges", "3",
                    "gpioc", "PC13=1")
        levels = self.server.history("gpioc", 13)
        # 0 -> 1 bouncing (3 edges), held, then back to 0 bouncing (3 edges).
        self.assertEqual(levels, [1, 0, 1, 0, 1, 0])


class Ping(ServerTest):
    def test_ping_statistics(self):
        out = self.run_ok("ping", "--count", "50", "--quiet")
        m = re.fullmatch(r"50 pings to unix:\S+: min (\d+) us, mean (\d+) us, p50 (\d+) us, "
                         r"p99 (\d+) us, max (\d+) us\n", out)
        self.assertIsNotNone(m, out)
        mn, mean, p50, p99, mx = map(int, m.groups())
        self.assertTrue(mn <= p50 <= p99 <= mx and mn <= mean <= mx, out)
        out = self.run_ok("ping", "-n", "3")
        self.assertEqual(len(re.findall(r"^pong \d: \d+ us \(virtual time \d+ ns\)$", out, re.M)), 3)


class Connection(unittest.TestCase):
    def test_address_sources_and_errors(self):
        server = Server()
        self.addCleanup(server.stop)
        env = dict(os.environ, FRONTPANEL_ADDRESS=server.address)
        r = fpctl("get", "gpioa", "5", env=env)
        self.assertEqual((r.returncode, r.stdout), (0, "5=0\n"))
        env.pop("FRONTPANEL_ADDRESS")
        r = fpctl("get", "gpioa", "5", env=env)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no address: use --connect", r.stderr)
        r = fpctl("info", address="serial:/dev/ttyS0")
        self.assertEqual(r.returncode, 2)
        self.assertIn("address 'serial:/dev/ttyS0': expected unix:PATH or tcp:HOST:PORT", r.stderr)
        r = fpctl("info", address=server.address + ".nobody")
        self.assertEqual(r.returncode, 3)
        self.assertIn("cannot connect to " + server.address + ".nobody", r.stderr)
        r = fpctl("--retry", "300ms", "info", address=server.address + ".nobody")
        self.assertEqual(r.returncode, 3)
        self.assertIn("gave up: ", r.stderr)

    def test_tcp(self):
        server = Server(listen="tcp:127.0.0.1:0")
        self.addCleanup(server.stop)
        self.assertRegex(server.address, r"^tcp:127\.0\.0\.1:\d+$")
        r = fpctl("get", "gpioa", "PA5", address=server.address)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "PA5=0\n", ""))

    @peer_only("no server is involved, so once is enough")
    def test_command_line(self):
        for args, message in [((), "no command given"),
                              (("frobnicate",), "unknown command 'frobnicate'"),
                              (("info", "--frob"), "Unknown option --frob"),
                              (("--retry", "soon", "info"), "'soon' is not a duration")]:
            r = fpctl(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(message, r.stderr)
        r = fpctl("--version")
        self.assertEqual((r.returncode, r.stdout), (0, "fpctl 0.1.0 (protocol version 1)\n"))
        r = fpctl("--help")
        self.assertEqual(r.returncode, 0)
        for command in ("info", "get", "set", "release", "monitor", "wait", "ping"):
            self.assertIn("  " + command + " ", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
