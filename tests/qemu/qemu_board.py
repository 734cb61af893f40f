# SPDX-License-Identifier: GPL-2.0-or-later
"""The real patched QEMU as a test fixture: a board with gpio-panel on a
private socket, with the qtest protocol as the "guest" (MMIO reads and
writes, virtual clock steps) and QMP for resets.

Every wait is for a condition with a deadline that fails the test.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

DEADLINE = 20


def wait_for(condition, what, deadline=DEADLINE):
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out after %ss waiting for %s" % (deadline, what))
        time.sleep(0.005)


class QemuBoard:
    def __init__(self, machine="b-l475e-iot01a", panel_options="", arch="aarch64", wrapper=(),
                 extra_args=()):
        self.dir = tempfile.mkdtemp(prefix="fp-qemu-")
        self.panel_path = os.path.join(self.dir, "panel.sock")
        self.address = "unix:" + self.panel_path
        qtest_path = os.path.join(self.dir, "qtest.sock")
        qmp_path = os.path.join(self.dir, "qmp.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(qtest_path)
        listener.listen(1)
        listener.settimeout(DEADLINE)
        binary = os.path.join(os.environ["FP_QEMU_BINDIR"], "qemu-system-" + arch)
        self.log = open(os.path.join(self.dir, "qemu.log"), "w+")
        self.proc = subprocess.Popen(
            list(wrapper) + [binary, "-machine", machine, "-accel", "qtest", "-qtest", "unix:" + qtest_path,
             "-qmp", "unix:%s,server=on,wait=off" % qmp_path,
             "-display", "none", "-monitor", "none", "-serial", "none", "-nic", "none",
             "-chardev", "socket,id=panel,path=%s,server=on,wait=off" % self.panel_path,
             "-device", "gpio-panel,chardev=panel" + panel_options] + list(extra_args),
            stdout=self.log, stderr=subprocess.STDOUT)
        self.qtest, _ = listener.accept()
        listener.close()
        self.qtest_file = self.qtest.makefile("rw")
        wait_for(lambda: os.path.exists(qmp_path), "QMP socket")
        self.qmp_sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.qmp_sock.connect(qmp_path)
        self.qmp_file = self.qmp_sock.makefile("rw")
        self.qmp_file.readline()                     # greeting
        self.qmp("qmp_capabilities")

    # -- the guest, through qtest --
    def _qtest(self, line):
        self.qtest_file.write(line + "\n")
        self.qtest_file.flush()
        while True:
            reply = self.qtest_file.readline()
            assert reply, "QEMU closed the qtest socket (see %s)" % self.log.name
            if not reply.startswith("IRQ"):
                break
        assert reply.startswith("OK"), "%s -> %r" % (line, reply)
        return reply.split()

    def writel(self, addr, value):
        self._qtest("writel 0x%x 0x%x" % (addr, value))

    def readl(self, addr):
        return int(self._qtest("readl 0x%x" % addr)[1], 16)

    def clock_step(self, ns):
        return int(self._qtest("clock_step %d" % ns)[1])

    def set_field(self, addr, shift, width, value):
        mask = ((1 << width) - 1) << shift
        self.writel(addr, (self.readl(addr) & ~mask) | (value << shift))

    # -- the machine, through QMP --
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
        assert "return" in reply, reply
        return reply["return"]

    def client_connected(self):
        panel = [c for c in self.qmp("query-chardev") if c["label"] == "panel"][0]
        return not panel["filename"].startswith("disconnected:")

    def wait_client(self):
        wait_for(self.client_connected, "a panel client on the socket")

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.qmp_file.write(json.dumps({"execute": "quit"}) + "\n")
            self.qmp_file.flush()
            rc = self.proc.wait(DEADLINE * 3)
            if rc != 0:
                self.log.seek(0)
                raise AssertionError("QEMU exited %d:\n%s" % (rc, self.log.read()[-4000:]))
        for f in (self.qtest_file, self.qmp_file, self.log):
            f.close()
        self.qtest.close()
        self.qmp_sock.close()
        shutil.rmtree(self.dir, ignore_errors=True)


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

    def close(self):
        self.sock.close()
