# SPDX-License-Identifier: GPL-2.0-or-later
"""The real patched QEMU as a test fixture: a board with gpio-panel on a
private socket and QMP for resets; for the tests of the device itself, the
qtest protocol as the "guest" (MMIO reads and writes, virtual clock steps).

Every wait is for a condition with a deadline that fails the test.
"""
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

DEADLINE = 20

# b-l475e-iot01a's STM32L4x5 GPIO ports, and the registers the tests use
GPIO = {p: 0x48000000 + 0x400 * i for i, p in enumerate("abcdefgh")}
MODER, PUPDR, IDR, ODR = 0x00, 0x0C, 0x10, 0x14


def die_with_parent():
    """In QEMU's process before exec: it gets SIGKILL should the test die
    without stopping it (killed by a timeout, say)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def wait_for(condition, what, deadline=DEADLINE):
    """Polls @condition until it holds, and returns what it returned."""
    end = time.monotonic() + deadline
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > end:
            raise AssertionError("timed out after %ss waiting for %s" % (deadline, what))
        time.sleep(0.005)


class Qemu:
    """A QEMU process in a private temporary folder: a gpio-panel device on a
    UNIX socket there per name in @panels (the first is self.address), QMP,
    and QEMU's output in qemu.log. The sockets go to @sockdir instead when
    given, for a client that waits there before QEMU starts; with @tcp the
    first panel listens on 127.0.0.1 at a port the kernel picks (in
    self.address once QMP is connected). launch() starts
    it with the machine's own arguments, connect_qmp() then talks to it;
    stop() ends it and checks its exit status, and may be called at any point
    after the constructor."""

    def __init__(self, machine, arch, panels=("panel",), panel_options="", wrapper=(),
                 sockdir=None, tcp=False):
        self.dir = tempfile.mkdtemp(prefix="fp-qemu-")
        self.machine, self.arch, self.wrapper = machine, arch, list(wrapper)
        self.panel_paths = {name: os.path.join(sockdir or self.dir, name + ".sock")
                            for name in panels}
        self.panel_name = panels[0]
        self.panel_path = self.panel_paths[self.panel_name]
        self.address = "unix:" + self.panel_path
        self.tcp = tcp
        self.panel_options = panel_options
        self.qmp_path = os.path.join(self.dir, "qmp.sock")
        self.log = open(os.path.join(self.dir, "qemu.log"), "w+")
        self.proc = self.qmp_sock = self.qmp_file = None

    def launch(self, args):
        binary = os.path.join(os.environ["FP_QEMU_BINDIR"], "qemu-system-" + self.arch)
        panels = []
        for name, path in self.panel_paths.items():
            where = "host=127.0.0.1,port=0" if self.tcp and path == self.panel_path \
                else "path=" + path
            panels += ["-chardev", "socket,id=%s,%s,server=on,wait=off" % (name, where),
                       "-device", "gpio-panel,chardev=%s%s" % (name, self.panel_options)]
        self.proc = subprocess.Popen(
            self.wrapper + [binary, "-machine", self.machine,
                            "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path,
                            "-display", "none", "-monitor", "none", "-nic", "none"]
            + panels + list(args),
            stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)

    def connect_qmp(self):
        self.qmp_sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        wait_for(lambda: self.qmp_sock.connect_ex(self.qmp_path) == 0, "QMP to listen")
        self.qmp_file = self.qmp_sock.makefile("rw")
        self.qmp_file.readline()                     # greeting
        self.qmp_events = []
        self.qmp("qmp_capabilities")
        if self.tcp:
            # "disconnected:tcp:127.0.0.1:PORT,server=on"
            self.address = self.chardev(self.panel_name)["filename"].split(":", 1)[1].split(",")[0]

    def qmp(self, command, **arguments):
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self.qmp_file.write(json.dumps(msg) + "\n")
        self.qmp_file.flush()
        while True:
            reply = json.loads(self.qmp_file.readline())
            if "event" not in reply:
                break
            self.qmp_events.append(reply["event"])
        assert "return" in reply, reply
        return reply["return"]

    def system_reset(self):
        """Resets the machine and returns once the reset has happened (QMP's
        answer comes when it is only requested)."""
        self.qmp_events = []
        self.qmp("system_reset")
        self.qmp_sock.settimeout(DEADLINE)
        try:
            while "RESET" not in self.qmp_events:
                self.qmp_events.append(json.loads(self.qmp_file.readline()).get("event"))
        finally:
            self.qmp_sock.settimeout(None)

    def chardev(self, label):
        return [c for c in self.qmp("query-chardev") if c["label"] == label][0]

    def client_connected(self, panel="panel"):
        return not self.chardev(panel)["filename"].startswith("disconnected:")

    def wait_client(self, panel="panel"):
        wait_for(lambda: self.client_connected(panel), "a client on the %s socket" % panel)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """Ends QEMU: by QMP, or killed if it never got that far."""
        if self.proc and self.alive():
            if not self.qmp_file:
                self.proc.kill()
                self.proc.wait(DEADLINE)
            else:
                self.qmp_file.write(json.dumps({"execute": "quit"}) + "\n")
                self.qmp_file.flush()
                rc = self.proc.wait(DEADLINE * 3)
                if rc != 0:
                    self.log.seek(0)
                    raise AssertionError("QEMU exited %d:\n%s" % (rc, self.log.read()[-4000:]))
        for f in (self.qmp_file, self.qmp_sock, self.log):
            if f:
                f.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class QemuBoard(Qemu):
    """A board with the qtest protocol as its "guest" (MMIO reads and
    writes, virtual clock steps, the level changes of one device's output
    lines once intercept_out() asked for them)."""

    def __init__(self, machine="b-l475e-iot01a", panel_options="", arch="aarch64", wrapper=(),
                 extra_args=(), sockdir=None, tcp=False):
        super().__init__(machine, arch, panel_options=panel_options, wrapper=wrapper,
                         sockdir=sockdir, tcp=tcp)
        self.irqs = []
        qtest_path = os.path.join(self.dir, "qtest.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(qtest_path)
        listener.listen(1)
        listener.settimeout(DEADLINE)
        self.launch(["-accel", "qtest", "-qtest", "unix:" + qtest_path, "-serial", "none"]
                    + list(extra_args))
        self.qtest, _ = listener.accept()
        listener.close()
        self.qtest_file = self.qtest.makefile("rw")
        self.connect_qmp()

    # -- the guest, through qtest --
    def _qtest(self, *lines):
        """Sends @lines at once; returns the last one's answer, split."""
        self.qtest_file.write("".join(line + "\n" for line in lines))
        self.qtest_file.flush()
        for line in lines:
            while True:
                reply = self.qtest_file.readline()
                assert reply, "QEMU closed the qtest socket (see %s)" % self.log.name
                if not reply.startswith("IRQ"):
                    break
                self.irqs.append(reply.split()[1:])
            assert reply.startswith("OK"), "%s -> %r" % (line, reply)
        return reply.split()

    def writel(self, addr, value):
        self._qtest("writel 0x%x 0x%x" % (addr, value))

    def writel_burst(self, writes):
        """[(addr, value)] sent in one go: QEMU reads them together and does
        them without waiting for the test in between."""
        self._qtest(*["writel 0x%x 0x%x" % w for w in writes])

    def readl(self, addr):
        return int(self._qtest("readl 0x%x" % addr)[1], 16)

    def clock_step(self, ns):
        return int(self._qtest("clock_step %d" % ns)[1])

    def intercept_out(self, path):
        """From now on, every level change of the output lines of the device
        at @path reaches irq_changes(). qtest watches one device per QEMU."""
        self._qtest("irq_intercept_out " + path)

    def intercept_in(self, path):
        """From now on, every level change of the input lines of the device
        at @path (an interrupt controller: the lines the board wires to it)
        reaches irq_changes(), numbered within their list. qtest watches one
        device per QEMU."""
        self._qtest("irq_intercept_in " + path)

    def child_of_type(self, parent, qom_type):
        """The QOM path of @parent's only child of @qom_type, for a device
        the board left unnamed (/machine/unattached/device[N])."""
        found = [c["name"] for c in self.qmp("qom-list", path=parent)
                 if c["type"] == "child<%s>" % qom_type]
        assert len(found) == 1, "%s has %d children of type %s" % (parent, len(found), qom_type)
        return parent + "/" + found[0]

    def irq_changes(self):
        """[(line, level)] of the intercepted lines since the last call."""
        self._qtest("endianness")        # a no-op: QEMU sent every change before its answer
        changes = [(int(n), int(how == "raise")) for how, n in self.irqs]
        self.irqs = []
        return changes

    def set_field(self, addr, shift, width, value):
        mask = ((1 << width) - 1) << shift
        self.writel(addr, (self.readl(addr) & ~mask) | (value << shift))

    def stop(self):
        try:
            super().stop()
        finally:
            self.qtest_file.close()
            self.qtest.close()


class RawPanel:
    """A protocol client written out by hand, for what fpctl never sends."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.sock.settimeout(DEADLINE)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(1 << 16)
            assert chunk, "QEMU closed the panel connection"
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def until(self, predicate):
        """Events up to and including the first one @predicate accepts."""
        seen = []
        while True:
            event = self.line()
            seen.append(event)
            if predicate(event):
                return seen

    def rest(self):
        """Every event up to the end of the connection."""
        while True:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                break
            self.buf += chunk
        events = [json.loads(line) for line in self.buf.split(b"\n") if line]
        self.buf = b""
        return events

    def close(self):
        self.sock.close()
