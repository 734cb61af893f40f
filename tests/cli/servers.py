# SPDX-License-Identifier: GPL-2.0-or-later
"""The protocol servers the fpctl tests run against, with their "guest":
tests/peer's fp-test-peer serving tests/peer/boards/test-board*.json, and the
real patched QEMU's b-l475e-iot01a with qtest as the guest. Both show the
panel the same pins: PA5 and PB14 outputs at 0, PC13 an input with a pull-up,
every other pin of gpioa-gpioc an input nothing drives; PB14 blinks with a
period of 2 ms where a test asks for the blink board, and the guest lights
PA5 while PC13 is low.

Every wait is for a condition with a deadline that fails the test.
"""
import os
import shutil
import signal
import subprocess
import tempfile

from qemu_board import DEADLINE, GPIO, IDR, MODER, ODR, PUPDR, QemuBoard

BLINK_HALF_PERIOD_NS = 1000000  # test-board-blink.json's PB14: 2 ms a period
PORT = {"gpio" + p: base for p, base in GPIO.items()}


class PeerServer:
    """One fp-test-peer process serving a board on a private socket (or on
    the UNIX socket "panel.sock" in @sockdir, or at @listen); its guest is
    driven through the peer's control channel. It keeps every pin's
    history, so it needs no @watch."""

    machine, version, ctrl_type = "test-board", "10.0.2-test", "test-gpio"
    reset_dir = "in"        # of a pin the board file leaves alone, after a reset
    controllers = ["gpioa", "gpiob", "gpioc"]

    @staticmethod
    def name(ctrl, pin):
        """The pin's name, "-" for none: the test board names gpioa's and gpioc's."""
        return "-" if ctrl == "gpiob" else "P%s%d" % (ctrl[-1].upper(), pin)

    def __init__(self, blink=False, sockdir=None, watch=None, listen=None):
        self.dir = tempfile.mkdtemp(prefix="fp-cli-")
        listen = listen or "unix:%s/panel.sock" % (sockdir or self.dir)
        board = "test-board-blink.json" if blink else "test-board.json"
        self.proc = subprocess.Popen(
            [os.environ["FP_TEST_PEER"], "--listen", listen,
             "--board", os.path.join(os.environ["FP_PEER_BOARDS"], board)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("listening "), line
        self.address = line[len("listening "):]

    def command(self, cmd):
        """Runs a control command; returns what follows "ok" in the answer."""
        self.proc.stdin.write(cmd + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        assert answer == "ok" or answer.startswith("ok "), "%s -> %r" % (cmd, answer)
        return answer[3:]

    # -- the guest --
    def output(self, ctrl, pin, level):
        """The guest drives @pin as an output at @level."""
        self.command("output %s %d %d" % (ctrl, pin, level))

    def flood(self, ctrl, pin, edges):
        """The guest toggles output @pin @edges times at once."""
        self.command("flood %s %d %d" % (ctrl, pin, edges))

    def run_mirror(self):
        """Nothing to do: the peer's guest lights PA5 as PC13 changes."""

    def run_blink(self, edges):
        """Nothing to do: the peer's blink board toggles PB14 by itself."""

    def history(self, ctrl, pin):
        """The levels @pin had since the last call, in order."""
        entries = [h.split("@") for h in self.command("history %s %d" % (ctrl, pin)).split()]
        times = [int(t) for _, t in entries]
        assert times == sorted(times), entries
        return [int(level) for level, _ in entries]

    def wait_client(self):
        """Returns once a client is connected and has its hello and dump."""
        self.command("wait-client")

    def reset(self):
        self.command("reset")

    def disconnect(self):
        """The server closes the client's connection."""
        self.command("kick")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            assert self.proc.wait(DEADLINE) == 0
        self.proc.stdin.close()
        self.proc.stdout.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class QemuServer:
    """The patched QEMU's b-l475e-iot01a with gpio-panel on a UNIX socket
    (in @sockdir when given; on TCP with @listen "tcp:127.0.0.1:0") and qtest
    as the guest, which first sets the STM32 GPIO registers to the pins of
    the peer's test board. qtest reports the level changes of one device's
    output lines, so the pins of @watch (a controller) alone have a
    history(). Nothing blinks by itself (qtest runs no guest code), whatever
    @blink says: run_blink() does."""

    machine, version, ctrl_type = "b-l475e-iot01a", "10.0.2", "stm32l4x5-gpio"
    reset_dir = "analog"    # of most pins after a reset, PA7's among them
    controllers = ["gpio" + p for p in "abcdefgh"]

    @staticmethod
    def name(ctrl, pin):
        return "P%s%d" % (ctrl[-1].upper(), pin)

    def __init__(self, blink=False, sockdir=None, watch=None, listen=None):
        assert listen in (None, "tcp:127.0.0.1:0"), "QEMU listens on %s: not supported" % listen
        self.board = QemuBoard(sockdir=sockdir, tcp=listen is not None)
        self.dir, self.address = self.board.dir, self.board.address
        self.watch = watch
        try:
            if watch:
                # Before the setup: qtest reports only changes from what it saw last.
                self.board.intercept_out("/machine/soc/" + watch)
            # Inputs without pulls (from analog and the debug port's pins), then
            # the test board's pins.
            for ctrl in ("gpioa", "gpiob", "gpioc"):
                self.board.writel(PORT[ctrl] + PUPDR, 0)
                self.board.writel(PORT[ctrl] + MODER, 0)
            self.board.set_field(PORT["gpioa"] + MODER, 10, 2, 1)
            self.board.set_field(PORT["gpiob"] + MODER, 28, 2, 1)
            self.board.set_field(PORT["gpioc"] + PUPDR, 26, 2, 1)
            if watch:
                self.board.irq_changes()        # the setup's own, not the test's
        except BaseException:
            self.board.stop()
            raise

    # -- the guest, through qtest --
    def output(self, ctrl, pin, level):
        """The guest drives @pin as an output at @level (ODR first: one change)."""
        self.board.set_field(PORT[ctrl] + ODR, pin, 1, level)
        self.board.set_field(PORT[ctrl] + MODER, 2 * pin, 2, 1)

    def flood(self, ctrl, pin, edges):
        """The guest toggles output @pin @edges times at once: the writes in
        one burst, their events in one flush of gpio-panel's queue."""
        odr = self.board.readl(PORT[ctrl] + ODR)
        self.board.writel_burst([(PORT[ctrl] + ODR, odr ^ (n & 1) << pin)
                                 for n in range(1, edges + 1)])

    def run_mirror(self):
        """What the peer's guest does by itself: PA5 lit while PC13 reads low."""
        pc13 = self.board.readl(PORT["gpioc"] + IDR) >> 13 & 1
        self.board.set_field(PORT["gpioa"] + ODR, 5, 1, 1 - pc13)

    def run_blink(self, edges):
        """Toggles PB14 @edges times, each a half period of virtual time later."""
        for _ in range(edges):
            self.board.clock_step(BLINK_HALF_PERIOD_NS)
            self.board.writel(PORT["gpiob"] + ODR,
                              self.board.readl(PORT["gpiob"] + ODR) ^ 1 << 14)

    def history(self, ctrl, pin):
        """The levels @pin had since the last call, in order, as the
        controller's output lines (what the rest of the SoC sees) had them."""
        assert ctrl == self.watch, "qtest watches %s only" % self.watch
        return [level for line, level in self.board.irq_changes() if line == pin]

    def wait_client(self):
        """Returns once a client is connected. Unlike the peer's, its hello
        and dump may still be on their way, but they hold the state of the
        moment it connected: what the guest changes next comes after them."""
        self.board.wait_client()

    def reset(self):
        self.board.system_reset()

    def disconnect(self):
        """QEMU quits, and with it the connection."""
        self.board.qmp_file.write('{"execute": "quit"}\n')
        self.board.qmp_file.flush()
        assert self.board.proc.wait(DEADLINE) == 0

    def stop(self):
        self.board.stop()


def server_class():
    """The server of this run: FP_CLI_SERVER is "peer" or "qemu"."""
    name = os.environ["FP_CLI_SERVER"]
    classes = {"peer": PeerServer, "qemu": QemuServer}
    assert name in classes, "FP_CLI_SERVER=%r: expected peer or qemu" % name
    return classes[name]
