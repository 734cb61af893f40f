# SPDX-License-Identifier: GPL-2.0-or-later
"""Front Panel's Linux guest (build-aux/build-guest.sh) on the real patched
QEMU, as a test fixture: the board with gpio-panel on a private socket, the
guest's serial console on another (commands in, output markers back), and a
protocol client for the panel side that records every pin event with the
host time it arrived.

Every wait is for a condition with a deadline that fails the test.
"""
import collections
import json
import os
import re
import socket
import subprocess
import threading
import time

from qemu_board import DEADLINE, Qemu, wait_for

READY = "frontpanel-guest: ready"
# A shell without busybox's line editor, which loses characters typed as
# fast as a test sends them (see build-aux/guest/init).
PLAIN = "frontpanel.shell=plain"
SHELL = "frontpanel-guest: shell"
# Kernel arguments for devices of the Pi 4 that QEMU does not model (see
# BOARDS); build-aux/linux-guest.sh passes the same.
RASPI4B_QUIRKS = "initcall_blacklist=brcmstb_l2_driver_init,brcmstb_i2c_driver_init clk_ignore_unused"

# name: the machine; args: its QEMU arguments; dtb: its device tree in the
# guest folder (None: QEMU makes one); serial: its serial ports, the console
# among them; append: the kernel command line; chip: the GPIO chip's label
# in the guest; out, inp, edge, bias, sysfs: one pin per test, so that the
# tests of one boot leave each other alone; bias: whether the kernel driver
# can set pulls (pinctrl-bcm2835 can, Linux's PL061 driver cannot).
Board = collections.namedtuple(
    "Board", "name args dtb serial append chip out inp edge bias_pin sysfs bias")

BOARDS = {
    # The PL011 is the console. Pin 3 is the power key of virt's device tree.
    "virt": Board("virt", ["-accel", "tcg", "-cpu", "cortex-a53", "-m", "512"], None,
                  ["-serial", "chardev:console"],
                  "console=ttyAMA0 quiet " + PLAIN, "9030000.pl061", 5, 2, 4, 6, 7, False),
    # The Pi 3's device tree puts the console on the mini UART (serial1 in
    # QEMU, ttyS1 in Linux); the PL011 belongs to the Bluetooth chip. The
    # pins are free ones on the 40-pin header. One TCG thread for the four
    # vCPUs boots in less than half the time (4-5 s, not 10-12 s): the
    # kernel spends most of its early boot patching its own code (ftrace),
    # which is far slower with a thread per vCPU.
    "raspi3b": Board("raspi3b", ["-accel", "tcg,thread=single"], "bcm2837-rpi-3-b.dtb",
                     ["-serial", "null", "-serial", "chardev:console"],
                     "console=ttyS1 quiet " + PLAIN, "pinctrl-bcm2835", 17, 23, 24, 22, 25, True),
    # The Pi 4 as the Pi 3 (console, pins, one TCG thread), its GPIO's
    # interrupts on the GIC. QEMU does not model the BCM2711's brcmstb
    # second-level interrupt controllers and I2C masters, so the kernel
    # skips their drivers, and leaves the clocks as the emulated firmware
    # set them (clk_ignore_unused): see RASPI4B_QUIRKS. Without the first
    # the guest never reaches its shell, without the second init dies at
    # boot (SIGSEGV).
    "raspi4b": Board("raspi4b", ["-accel", "tcg,thread=single"], "bcm2711-rpi-4-b.dtb",
                     ["-serial", "null", "-serial", "chardev:console"],
                     "console=ttyS1 quiet " + RASPI4B_QUIRKS + " " + PLAIN, "pinctrl-bcm2711",
                     17, 23, 24, 22, 25, True),
}


def guest_file(name):
    return os.path.join(os.environ["FP_GUEST_DIR"], name)


class Console:
    """The guest's serial console: a shell behind a socket. Output is kept
    as (host time, line) pairs; run() sends a command line and waits for the
    marker that ends it, with its exit status."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        wait_for(lambda: self.sock.connect_ex(path) == 0, "the serial console to listen")
        self.lock = threading.Condition()
        self.lines = []             # (time.monotonic() of arrival, text without CR/LF)
        self.partial = ""
        self.closed = False
        self.serial = 0
        self.status = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                chunk = self.sock.recv(1 << 16)
            except OSError:
                chunk = b""
            now = time.monotonic()
            with self.lock:
                if not chunk:
                    self.closed = True
                    self.lock.notify_all()
                    return
                text = self.partial + chunk.decode("utf-8", "replace")
                *done, self.partial = text.split("\n")
                self.lines += [(now, line.rstrip("\r")) for line in done]
                self.lock.notify_all()

    def mark(self):
        """Where the output is now: expect() looks only at lines after it."""
        with self.lock:
            return len(self.lines)

    def expect(self, pattern, start, deadline=DEADLINE, what=None):
        """The first line from @start on that matches @pattern: (index, time, match)."""
        regex = re.compile(pattern)
        end = time.monotonic() + deadline
        with self.lock:
            i = start
            while True:
                while i < len(self.lines):
                    m = regex.search(self.lines[i][1])
                    if m:
                        return i, self.lines[i][0], m
                    i += 1
                if self.closed:
                    raise AssertionError("the console closed waiting for %s; it printed:\n%s"
                                         % (what or pattern, self.tail()))
                left = end - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out after %ss waiting for %s; the console printed:\n%s"
                                         % (deadline, what or pattern, self.tail()))
                self.lock.wait(left)

    def tail(self, n=30):
        return "\n".join(line for _, line in self.lines[-n:]) + "\n" + self.partial

    def send(self, text):
        self.sock.sendall(text.encode())

    def run(self, command, deadline=DEADLINE, status=0):
        """Runs @command in the guest's shell and returns its output lines
        (the echoed command line first); fails unless it exits @status
        (None: any). The marker carries "$?", which the echoed command line
        shows as such, so only the shell's answer matches the pattern."""
        self.serial += 1
        start = self.mark()
        # "cmd &" takes no ";" after it.
        sep = " " if command.endswith("&") else "; "
        self.send("%s%secho \"@done %d $?\"\n" % (command, sep, self.serial))
        i, _, m = self.expect(r"^@done %d (\d+)$" % self.serial, start, deadline,
                              "'%s' to finish" % command)
        self.status = int(m.group(1))
        if status is not None and self.status != status:
            raise AssertionError("'%s' exited %d, not %d; the console printed:\n%s"
                                 % (command, self.status, status, self.tail()))
        return self.output(start, i)

    def succeeds(self, command):
        self.run(command, status=None)
        return self.status == 0

    def output(self, start, end):
        with self.lock:
            return [line for _, line in self.lines[start:end]]

    def interrupt(self):
        """Ctrl-C: ends the plain shell and whatever it started, in the
        background too; returns when the next shell answers. Lines typed
        before init announces it would be lost in the console's hangup."""
        start = self.mark()
        self.send("\x03")
        # After the echoed "^C", on the same line.
        self.expect(SHELL + "$", start, what="init to start the next shell")
        self.run("true")

    def close(self):
        self.sock.close()
        self.reader.join(DEADLINE)


class Panel:
    """The panel's side, through the protocol: a reader thread keeps every
    pin's latest state and a log of the pin events, each with the host time
    it arrived. set() and release() return when QEMU has applied them (a ping
    barrier)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")
        self.lock = threading.Condition()
        self.hello = None
        self.pins = {}
        self.events = []            # (time.monotonic() of arrival, pin event)
        self.synced = False
        self.pongs = set()
        self.errors = []
        self.closed = False
        self.ids = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.wait(lambda: self.hello is not None and self.synced, "QEMU's hello and state dump")
        # gpio-panel refuses to start on a machine with no controller.
        self.ctrl = self.hello["controllers"][0]["id"]

    def _read(self):
        for raw in self.file:
            now = time.monotonic()
            event = json.loads(raw)
            with self.lock:
                kind = event["event"]
                if kind == "hello":
                    self.hello = event
                elif kind == "pin":
                    self.pins[(event["ctrl"], event["pin"])] = event
                    self.events.append((now, event))
                elif kind == "synced":
                    self.synced = True
                elif kind == "pong":
                    self.pongs.add(event["id"])
                elif kind == "error":
                    self.errors.append(event)
                self.lock.notify_all()
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def wait(self, condition, what, deadline=DEADLINE):
        end = time.monotonic() + deadline
        with self.lock:
            while not condition():
                if self.closed:
                    raise AssertionError("QEMU closed the panel connection waiting for " + what)
                left = end - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out after %ss waiting for %s" % (deadline, what))
                self.lock.wait(left)

    def _command(self, **cmd):
        self.ids += 1
        ping = self.ids
        lines = [cmd] if cmd["cmd"] != "ping" else []
        lines.append({"cmd": "ping", "id": ping})
        self.sock.sendall("".join(json.dumps(line) + "\n" for line in lines).encode())
        self.wait(lambda: ping in self.pongs, "the pong after %s" % cmd)
        assert not self.errors, "QEMU rejected %s: %s" % (cmd, self.errors)

    def barrier(self):
        """Returns once every event QEMU sent so far has been read."""
        self._command(cmd="ping")

    def set(self, pin, level):
        self._command(cmd="set", ctrl=self.ctrl, pin=pin, level=level)

    def release(self, pin):
        self._command(cmd="release", ctrl=self.ctrl, pin=pin)

    def pin(self, pin):
        with self.lock:
            return dict(self.pins[(self.ctrl, pin)])

    def wait_pin(self, pin, deadline=DEADLINE, **want):
        """Waits until the pin's state has every member of @want."""
        def reached():
            state = self.pins.get((self.ctrl, pin), {})
            return all(state.get(k) == v for k, v in want.items())
        try:
            self.wait(reached, "pin %s %d to be %s" % (self.ctrl, pin, want), deadline)
        except AssertionError as e:
            raise AssertionError("%s; it is %s" % (e, self.pins.get((self.ctrl, pin)))) from None

    def close(self):
        self.sock.close()
        self.reader.join(DEADLINE)
        self.file.close()


class LinuxGuest(Qemu):
    """QEMU booting the guest on @board with the panel and console sockets.
    boot() returns once the shell answers; boot_s is how long that took from
    QEMU's start."""

    def __init__(self, board):
        # QEMU dies with this process, even when a timeout kills it before
        # stop() runs.
        super().__init__(board.name, "aarch64", wrapper=("setpriv", "--pdeathsig", "KILL", "--"))
        self.board = board
        self.console_path = os.path.join(self.dir, "console.sock")
        self.console = self.panel = None
        self.boot_s = None

    def boot(self):
        args = list(self.board.args)
        if self.board.dtb:
            args += ["-dtb", guest_file(self.board.dtb)]
        started = time.monotonic()
        # wait=on: QEMU starts the guest only once the console is connected,
        # so no output is lost.
        self.launch(args + [
            "-kernel", guest_file("vmlinuz"),
            "-initrd", guest_file("initramfs.cpio.gz"), "-append", self.board.append,
            "-chardev", "socket,id=console,path=%s,server=on,wait=on" % self.console_path]
            + self.board.serial)
        try:
            self.console = Console(self.console_path)
            self.connect_qmp()
            self.console.expect("^" + READY + "$", 0, 120, "the guest's ready marker")
            self.console.run("true", 60)
        except (AssertionError, OSError):
            self.explain_exit()
            raise
        self.boot_s = time.monotonic() - started
        self.panel = Panel(self.panel_path)

    def explain_exit(self):
        """Fails with QEMU's own words if it has exited (or is exiting)."""
        try:
            rc = self.proc.wait(2)
        except subprocess.TimeoutExpired:
            return
        self.log.seek(0)
        raise AssertionError("QEMU exited %d on %s:\n%s" % (rc, self.board.name, self.log.read()[-4000:]))

    def stop(self):
        try:
            super().stop()
        finally:
            for part in (self.console, self.panel):
                if part:
                    part.close()
