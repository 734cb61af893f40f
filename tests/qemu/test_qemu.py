#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The patched QEMU's gpio-panel, with qtest as the guest and the project's
fpctl, or a hand-written client, as the panel: mostly on b-l475e-iot01a
(stm32l4x5 GPIO); PinPath and EveryModel on every supported machine.

Environment: FP_QEMU_BINDIR, FPCTL, FP_VECTORS_DIR (set by meson).
"""
import collections
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import unittest

from qemu_board import DEADLINE, GPIO, IDR, MODER, ODR, PUPDR, QemuBoard, RawPanel

FPCTL = os.environ["FPCTL"]
VECTORS = os.environ["FP_VECTORS_DIR"]

SYSCFG_EXTICR4 = 0x40010014
EXTI_IMR1, EXTI_RTSR1, EXTI_FTSR1, EXTI_PR1 = 0x40010400, 0x40010408, 0x4001040C, 0x40010414
# Raspberry Pi GPIO (BCM2835/BCM2838), at its base on each SoC
RASPI_GPIO = {"raspi3b": 0x3F200000, "raspi4b": 0xFE200000}
GPFSEL1, GPSET0, GPCLR0, GPLEV0, GPEDS0, GPREN0, GPFEN0 = 0x04, 0x1C, 0x28, 0x34, 0x40, 0x4C, 0x58
GPPUD, GPPUDCLK0, PUP_PDN_CNTRL_REG1 = 0x94, 0x98, 0xE8


def fpctl(board, *args):
    return subprocess.run([FPCTL, "--connect", board.address] + list(args),
                          capture_output=True, text=True, timeout=DEADLINE)


def fpctl_bg(board, *args):
    return subprocess.Popen([FPCTL, "--connect", board.address] + list(args),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def raw_line(v):
    if "line" in v:
        return v["line"].encode()
    if "line_hex" in v:
        return bytes.fromhex(v["line_hex"])
    f = v["line_fill"]
    return (f["prefix"] + f["char"] * f["count"] + f.get("suffix", "")).encode()


class BoardTest(unittest.TestCase):
    panel_options = ""

    def setUp(self):
        self.board = QemuBoard(panel_options=self.panel_options)
        self.addCleanup(self.board.stop)

    def run_ok(self, *args):
        r = fpctl(self.board, *args)
        self.assertEqual(r.returncode, 0, "fpctl %s: %s" % (" ".join(args), r.stderr))
        return r.stdout

    def registers(self):
        """Every GPIO register a panel command could change."""
        return {(p, r): self.board.readl(base + r)
                for p, base in GPIO.items() for r in (MODER, PUPDR, IDR, ODR)}

    def button_input(self):
        """PC13 (user button B1) as an input with pull-up, EXTI13 on falling edges."""
        self.board.set_field(GPIO["c"] + MODER, 26, 2, 0)
        self.board.set_field(GPIO["c"] + PUPDR, 26, 2, 1)
        self.board.writel(SYSCFG_EXTICR4, 2 << 4)
        self.board.writel(EXTI_IMR1, 1 << 13)
        self.board.writel(EXTI_FTSR1, 1 << 13)


class Vectors(BoardTest):
    # The vectors' server serves one controller "gpioa" of 16 pins.
    panel_options = ",controller=/machine/soc/gpioa"

    def test_command_vectors(self):
        panel = RawPanel(self.board.panel_path)
        self.addCleanup(panel.close)
        hello = panel.line()
        self.assertEqual((hello["event"], hello["version"], hello["machine"]),
                         ("hello", 1, "b-l475e-iot01a"))
        self.assertEqual([c["id"] for c in hello["controllers"]], ["gpioa"])
        panel.until(lambda e: e["event"] == "synced")
        count = 0
        # Barrier ids above every id the vectors use (they stay below 1000 or at 2^53-1).
        barrier = 2 ** 52
        for name in ("commands-valid.jsonl", "commands-invalid.jsonl"):
            with open(os.path.join(VECTORS, name)) as f:
                vectors = [json.loads(l) for l in f if l.strip()]
            for v in vectors:
                with self.subTest(file=name, note=v["note"]):
                    before = self.registers() if "error" in v else None
                    barrier += 1
                    self.assertNotIn(str(barrier).encode(), raw_line(v))
                    panel.send(raw_line(v) + b'\n{"cmd":"ping","id":%d}\n' % barrier)
                    events = panel.until(lambda e: e.get("event") == "pong" and
                                         e.get("id") == barrier)
                    errors = [e for e in events if e["event"] == "error"]
                    count += 1
                    if "error" not in v:
                        self.assertEqual(errors, [])
                        if json.loads(v["canonical"])["cmd"] == "sync":
                            self.assertTrue(any(e["event"] == "synced" for e in events))
                        continue
                    self.assertEqual(len(errors), 1, events)
                    self.assertEqual(errors[0]["code"], v["error"], errors[0]["message"])
                    self.assertEqual(errors[0].get("id"), v.get("error_id"))
                    # A rejected line changes nothing.
                    self.assertEqual(self.registers(), before)
        self.assertEqual(count, 115)

    def test_junk_keeps_qemu_and_state(self):
        panel = RawPanel(self.board.panel_path)
        self.addCleanup(panel.close)
        panel.until(lambda e: e["event"] == "synced")
        before = self.registers()
        rng = random.Random(5)
        junk = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))).replace(b"\n", b"")
                for _ in range(200)]
        junk += [b"\x00" * 10, b"{" * 100000, b"x" * (1 << 20), b"[" * 40 + b"]" * 40]
        for line in junk:
            panel.send(line + b"\n")
        panel.send(b'{"cmd":"ping","id":1}\n')
        events = panel.until(lambda e: e["event"] == "pong")
        self.assertTrue(all(e["event"] in ("error", "pong") for e in events))
        codes = [e["code"] for e in events if e["event"] == "error"]
        self.assertEqual(len(codes), len([j for j in junk if j.strip(b" \t\r")]))
        self.assertIn("too-long", codes)
        self.assertTrue(self.board.alive())
        self.assertEqual(self.registers(), before)


class Fpctl(BoardTest):
    def test_info_names_the_real_controllers(self):
        out = self.run_ok("info")
        self.assertTrue(out.startswith("b-l475e-iot01a (QEMU 10.0.2) at unix:"))
        for p in "abcdefgh":
            self.assertIn("gpio%s: stm32l4x5-gpio at /machine/soc/gpio%s, 16 pins" % (p, p), out)
        self.assertRegex(out, r"\n\s+13\s+PA13\s+alt\s+1\s+none\s+up\s+-\n")

    def test_button_press_reaches_the_guest(self):
        self.button_input()
        self.assertEqual(self.run_ok("get", "gpioc", "PC13"), "PC13=1\n")
        self.run_ok("set", "gpioc", "PC13=0")
        self.assertEqual(self.board.readl(GPIO["c"] + IDR) >> 13 & 1, 0)
        self.assertEqual(self.board.readl(EXTI_PR1) >> 13 & 1, 1)     # the interrupt fired
        self.board.writel(EXTI_PR1, 1 << 13)                           # the guest acknowledges
        self.run_ok("release", "gpioc", "PC13")
        self.assertEqual(self.board.readl(GPIO["c"] + IDR) >> 13 & 1, 1)
        self.assertEqual(self.board.readl(EXTI_PR1) >> 13 & 1, 0)     # rising: no interrupt
        self.run_ok("set", "--hold", "20ms", "--bounce", "2ms", "--bounce-edges", "5",
                    "gpioc", "PC13=0")
        self.assertEqual(self.board.readl(GPIO["c"] + IDR) >> 13 & 1, 1)
        self.assertEqual(self.board.readl(EXTI_PR1) >> 13 & 1, 1)

    def test_monitor_sees_guest_output_in_virtual_time(self):
        mon = fpctl_bg(self.board, "monitor", "gpioa", "PA5", "--count", "3")
        self.board.wait_client()
        self.board.set_field(GPIO["a"] + MODER, 10, 2, 1)       # LD1 becomes an output
        for level in (1, 0):
            self.board.clock_step(1000000)
            self.board.writel(GPIO["a"] + ODR, level << 5)
        self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
        lines = mon.stdout.read().splitlines()
        mon.stdout.close()
        mon.stderr.close()
        parsed = [re.fullmatch(r"(\d+)\.(\d{9}) gpioa 5 PA5 ([01]) dir=out drive=guest "
                               r"pull=none panel=-", l) for l in lines]
        self.assertTrue(all(parsed), lines)
        self.assertEqual([int(m.group(3)) for m in parsed], [0, 1, 0])
        t = [int(m.group(1)) * 10**9 + int(m.group(2)) for m in parsed]
        # qtest moves the virtual clock by exactly 1 ms between the writes.
        self.assertEqual([b - a for a, b in zip(t, t[1:])], [1000000, 1000000])

    def test_wait_for_the_guest(self):
        self.board.set_field(GPIO["a"] + MODER, 10, 2, 1)
        waiter = fpctl_bg(self.board, "wait", "gpioa", "PA5=1", "--timeout", "15s")
        self.board.wait_client()
        self.assertIsNone(waiter.poll())
        self.board.writel(GPIO["a"] + ODR, 1 << 5)
        self.assertEqual(waiter.wait(DEADLINE), 0, waiter.stderr.read())
        waiter.stdout.close()
        waiter.stderr.close()
        r = fpctl(self.board, "wait", "gpioa", "PA5=0", "--timeout", "300ms")
        self.assertEqual(r.returncode, 1)

    def test_reset_keeps_the_button_and_resyncs(self):
        self.button_input()
        self.run_ok("set", "gpioc", "PC13=0")
        # After the reset only PC13 changes (analog again, still held low): one change.
        mon = fpctl_bg(self.board, "monitor", "gpioc", "--json", "--count", "1")
        self.board.wait_client()
        self.board.qmp("system_reset")
        self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
        events = [json.loads(l) for l in mon.stdout.read().splitlines()]
        mon.stdout.close()
        mon.stderr.close()
        self.assertEqual([e["event"] for e in events], ["reset", "pin"])
        self.assertEqual((events[1]["pin"], events[1]["dir"], events[1]["level"], events[1]["panel"]),
                         (13, "analog", 0, 0))
        self.assertEqual(self.run_ok("get", "gpioc", "PC13"), "PC13=0\n")
        info = self.run_ok("info", "gpioc")
        self.assertRegex(info, r"\n\s+13\s+PC13\s+analog\s+0\s+panel\s+none\s+0\n")


class Quit(unittest.TestCase):
    def test_quitting_sends_the_last_changes(self):
        # gpio-panel sends at most once a millisecond of host time; QEMU
        # quitting right after a change must still send it. Without the
        # flush when the VM stops, most tries lose the last write.
        for attempt in range(10):
            board = QemuBoard()
            try:
                panel = RawPanel(board.panel_path)
                panel.until(lambda e: e["event"] == "synced")
                board.set_field(GPIO["a"] + MODER, 10, 2, 1)        # PA5 (LD1) an output, at 0
                board.writel_burst([(GPIO["a"] + ODR, 1 << 5), (GPIO["a"] + ODR, 0)])
            finally:
                board.stop()
            events = panel.rest()
            panel.close()
            levels = [e["level"] for e in events if e.get("ctrl") == "gpioa" and e.get("pin") == 5]
            self.assertIn(1, levels, "try %d: %s" % (attempt, events))
            self.assertEqual(levels[-1], 0, "try %d: %s" % (attempt, events))


class NoLeaks(unittest.TestCase):
    def test_bad_lines_leak_nothing(self):
        """Junk, every invalid vector and good commands, with QEMU under valgrind."""
        board = QemuBoard(wrapper=["valgrind", "--leak-check=full", "--error-exitcode=99",
                                   "--errors-for-leak-kinds=definite", "--quiet"])
        try:
            panel = RawPanel(board.panel_path)
            panel.until(lambda e: e["event"] == "synced")
            rng = random.Random(1)
            for _ in range(300):
                panel.send(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 100)))
                           .replace(b"\n", b"") + b"\n")
            with open(os.path.join(VECTORS, "commands-invalid.jsonl")) as f:
                for line in f:
                    panel.send(raw_line(json.loads(line)) + b"\n")
            panel.send(b'{"cmd":"set","ctrl":"gpioc","pin":13,"level":0}\n'
                       b'{"cmd":"sync","id":3}\n{"cmd":"ping","id":9}\n')
            panel.until(lambda e: e.get("id") == 9 and e["event"] == "pong")
            panel.close()
        finally:
            # valgrind's exit status (99 on any error or definite leak) fails stop().
            board.stop()


class EveryModel(unittest.TestCase):
    """fpctl drives and reads each supported model's pins, checked in its registers."""

    # machine, arch, ctrl; input pin, its setup writes (addr, value), its input
    # register and the level its pull gives when released; output pin, the
    # writes that make the guest drive it high.
    BOARDS = [
        ("b-l475e-iot01a", "aarch64", "gpioc",
         13, [(GPIO["c"] + MODER, 0xF3FFFFFF), (GPIO["c"] + PUPDR, 1 << 26)], GPIO["c"] + IDR, 1,
         "gpioa", 5, [(GPIO["a"] + MODER, 0xABFFF7FF), (GPIO["a"] + ODR, 1 << 5)]),
        ("microbit", "aarch64", "gpio",
         17, [(0x50000700 + 4 * 17, 3 << 2)], 0x50000510, 1,
         "gpio", 13, [(0x50000700 + 4 * 13, 1), (0x50000508, 1 << 13)]),
        ("virt", "aarch64", "pl061",
         3, [], 0x09030000 + 0x3fc, 0,
         "pl061", 0, [(0x09030400, 1), (0x09030000 + 0x3fc, 1)]),
        ("sifive_e", "riscv32", "gpio0",
         16, [(0x10012010, 1 << 16), (0x10012004, 1 << 16)], 0x10012000, 1,
         "gpio0", 22, [(0x1001200c, 1 << 22), (0x10012008, 1 << 22)]),
        # GPIO23 with a pull-up (GPPUD/GPPUDCLK0 on the BCM2835, PUP_PDN on
        # the BCM2838), GPIO17 an output.
        ("raspi3b", "aarch64", "gpio",
         23, [(RASPI_GPIO["raspi3b"] + GPPUD, 2), (RASPI_GPIO["raspi3b"] + GPPUDCLK0, 1 << 23),
              (RASPI_GPIO["raspi3b"] + GPPUDCLK0, 0)], RASPI_GPIO["raspi3b"] + GPLEV0, 1,
         "gpio", 17, [(RASPI_GPIO["raspi3b"] + GPFSEL1, 1 << 21),
                      (RASPI_GPIO["raspi3b"] + GPSET0, 1 << 17)]),
        ("raspi4b", "aarch64", "gpio",
         23, [(RASPI_GPIO["raspi4b"] + PUP_PDN_CNTRL_REG1, 0xA0AA6AAA)],
         RASPI_GPIO["raspi4b"] + GPLEV0, 1,
         "gpio", 17, [(RASPI_GPIO["raspi4b"] + GPFSEL1, 1 << 21),
                      (RASPI_GPIO["raspi4b"] + GPSET0, 1 << 17)]),
    ]

    def test_every_model(self):
        for (machine, arch, ctrl, pin, setup, reg, released,
             out_ctrl, out_pin, out_writes) in self.BOARDS:
            with self.subTest(machine=machine):
                board = QemuBoard(machine=machine, arch=arch)
                try:
                    def get(c, p):
                        r = fpctl(board, "get", "--values", c, str(p))
                        self.assertEqual(r.returncode, 0, r.stderr)
                        return r.stdout.strip()

                    for addr, value in setup:
                        board.writel(addr, value)
                    self.assertEqual(get(ctrl, pin), str(released))
                    for level in (1 - released, released):
                        r = fpctl(board, "set", ctrl, "%d=%d" % (pin, level))
                        self.assertEqual(r.returncode, 0, r.stderr)
                        self.assertEqual(board.readl(reg) >> pin & 1, level)
                        self.assertEqual(get(ctrl, pin), str(level))
                    r = fpctl(board, "release", ctrl, str(pin))
                    self.assertEqual(r.returncode, 0, r.stderr)
                    self.assertEqual(board.readl(reg) >> pin & 1, released)
                    for addr, value in out_writes:
                        board.writel(addr, value)
                    self.assertEqual(get(out_ctrl, out_pin), "1")
                finally:
                    board.stop()


def raspi_model(machine, base, irq_path, irq_lines, pins):
    """A Raspberry Pi's GPIO in PinPath's terms: GPIO17 an output, then an
    input that the reset pull-down holds, then one without pull; GPIO23 an
    input held by its reset pull-down, events on rising edges (GPREN0). The
    pulls are clocked in through GPPUD/GPPUDCLK0 on the BCM2835, set in
    PUP_PDN_CNTRL_REG1 on the BCM2838."""
    if pins == 54:
        no_pull = [(base + GPPUD, 0), (base + GPPUDCLK0, 1 << 17), (base + GPPUDCLK0, 0)]
    else:
        no_pull = [(base + PUP_PDN_CNTRL_REG1, 2, 2, 0)]
    return PinModel(
        machine, "aarch64", "gpio", pins, ["GPIO%d" % n for n in range(pins)],
        17, [
            ([(base + GPFSEL1, 21, 3, 1)], ("out", "guest", 0, "down")),
            ([(base + GPSET0, 1 << 17)], ("out", "guest", 1, "down")),
            ([(base + GPCLR0, 1 << 17)], ("out", "guest", 0, "down")),
            ([(base + GPFSEL1, 21, 3, 0)], ("in", "none", 0, "down")),
            (no_pull, ("in", "none", None, "none")),
        ],
        "gpio", 23, [], base + GPLEV0, "down", 0,
        [(base + GPEDS0, 1 << 23), (base + GPREN0, 1 << 23)],
        (base + GPEDS0, 1 << 23), [(base + GPEDS0, 1 << 23)],
        (irq_path, None), irq_lines, False)


# One board's pins as PinPath checks them. ctrl: the output pin's
# controller, with its pins and names in the hello (None: none); out_steps: [(guest writes, the
# pin event they must cause: (dir, drive, level, pull))] on the output pin;
# in_ctrl, inp: the input pin, in_setup the writes that make it an input with its
# pull, in_reg the register the guest reads it in, released its level when
# nobody drives it; irq_setup: the writes that ask for an interrupt on its
# rising edges only (what is pending cleared first), pending (addr, mask) where
# the edge shows, ack the guest's acknowledgement; irq (QOM path, type): the
# interrupt controller whose inputs are intercepted (type: the unnamed child
# of that type under the path), irq_lines its inputs that the edge raises:
# held until the guest acknowledges the event or, with pulse, a pulse (the
# STM32's EXTI pulses the NVIC's line, which latches it).
# A write is (addr, value) or (addr, shift, width, value) for a field.
PinModel = collections.namedtuple(
    "PinModel", "machine arch ctrl pins names out out_steps in_ctrl inp in_setup in_reg pull "
                "released irq_setup pending ack irq irq_lines pulse")

NRF51_GPIO, NRF51_GPIOTE = 0x50000000, 0x40006000
SIFIVE_GPIO, PL061 = 0x10012000, 0x09030000

PIN_MODELS = [
    # PA5 (LD1) out; PC13 (B1) with a pull-up, EXTI13 on rising edges:
    # EXTI10-15 share NVIC line 40.
    PinModel("b-l475e-iot01a", "aarch64", "gpioa", 16, ["PA%d" % n for n in range(16)],
             5, [
                 ([(GPIO["a"] + MODER, 10, 2, 1)], ("out", "guest", 0, "none")),
                 ([(GPIO["a"] + ODR, 1 << 5)], ("out", "guest", 1, "none")),
                 ([(GPIO["a"] + ODR, 0)], ("out", "guest", 0, "none")),
                 ([(GPIO["a"] + MODER, 10, 2, 0)], ("in", "none", None, "none")),
                 ([(GPIO["a"] + PUPDR, 10, 2, 2)], ("in", "none", 0, "down")),
             ],
             "gpioc", 13, [(GPIO["c"] + MODER, 26, 2, 0), (GPIO["c"] + PUPDR, 26, 2, 1)],
             GPIO["c"] + IDR, "up", 1,
             [(EXTI_PR1, 1 << 13), (SYSCFG_EXTICR4, 2 << 4), (EXTI_RTSR1, 1 << 13),
              (EXTI_FTSR1, 0), (EXTI_IMR1, 1 << 13)],
             (EXTI_PR1, 1 << 13), [(EXTI_PR1, 1 << 13)],
             ("/machine/soc/armv7m", None), [40], True),
    # P0.13 (a matrix row) out; P0.17 (button A) with a pull-up, GPIOTE
    # channel 0 on its rising edges (LoToHi), NVIC line 6.
    PinModel("microbit", "aarch64", "gpio", 32, ["P0.%02d" % n for n in range(32)],
             13, [
                 ([(NRF51_GPIO + 0x700 + 4 * 13, 1)], ("out", "guest", 0, "none")),
                 ([(NRF51_GPIO + 0x508, 1 << 13)], ("out", "guest", 1, "none")),
                 ([(NRF51_GPIO + 0x50C, 1 << 13)], ("out", "guest", 0, "none")),
                 ([(NRF51_GPIO + 0x700 + 4 * 13, 0)], ("in", "none", None, "none")),
                 ([(NRF51_GPIO + 0x700 + 4 * 13, 3 << 2)], ("in", "none", 1, "up")),
             ],
             "gpio", 17, [(NRF51_GPIO + 0x700 + 4 * 17, 3 << 2)], NRF51_GPIO + 0x510, "up", 1,
             [(NRF51_GPIOTE + 0x100, 0), (NRF51_GPIOTE + 0x510, 1 | 17 << 8 | 1 << 16),
              (NRF51_GPIOTE + 0x304, 1)],
             (NRF51_GPIOTE + 0x100, 1), [(NRF51_GPIOTE + 0x100, 0)],
             ("/machine/nrf51/armv6m", None), [6], False),
    # GPIO22 (the red LED) out; GPIO16 with its pull-up, RISE_IE: the PLIC
    # has a source per pin from 8 on.
    PinModel("sifive_e", "riscv32", "gpio0", 32, None,
             22, [
                 ([(SIFIVE_GPIO + 0x08, 1 << 22)], ("out", "guest", 0, "none")),
                 ([(SIFIVE_GPIO + 0x0C, 1 << 22)], ("out", "guest", 1, "none")),
                 ([(SIFIVE_GPIO + 0x0C, 0)], ("out", "guest", 0, "none")),
                 ([(SIFIVE_GPIO + 0x08, 0)], ("in", "none", None, "none")),
                 ([(SIFIVE_GPIO + 0x10, 1 << 22)], ("in", "none", 1, "up")),
             ],
             "gpio0", 16, [(SIFIVE_GPIO + 0x04, 1 << 16), (SIFIVE_GPIO + 0x10, 1 << 16)],
             SIFIVE_GPIO + 0x00, "up", 1,
             [(SIFIVE_GPIO + 0x1C, 1 << 16), (SIFIVE_GPIO + 0x18, 1 << 16)],
             (SIFIVE_GPIO + 0x1C, 1 << 16), [(SIFIVE_GPIO + 0x1C, 1 << 16)],
             ("/machine/unattached", "riscv.sifive.plic"), [8 + 16], False),
    # Pin 0 out; pin 2 an input: virt pulls every pin down. Edge-sensitive
    # (IS=0), one edge (IBE=0), rising (IEV); GIC SPI 7.
    PinModel("virt", "aarch64", "pl061", 8, None,
             0, [
                 ([(PL061 + 0x400, 1)], ("out", "guest", 0, "none")),
                 ([(PL061 + 0x3FC, 1)], ("out", "guest", 1, "none")),
                 ([(PL061 + 0x3FC, 0)], ("out", "guest", 0, "none")),
                 ([(PL061 + 0x400, 0)], ("in", "none", 0, "down")),
             ],
             "pl061", 2, [], PL061 + 0x3FC, "down", 0,
             [(PL061 + 0x41C, 1 << 2), (PL061 + 0x404, 0), (PL061 + 0x408, 0),
              (PL061 + 0x40C, 1 << 2), (PL061 + 0x410, 1 << 2)],
             (PL061 + 0x414, 1 << 2), [(PL061 + 0x41C, 1 << 2)],
             ("/machine/unattached", "arm_gic"), [7], False),
    # The BCM2835 machines: GPU IRQ 49 (GPIO0-27) and 52 (any pin) on the
    # ARM's interrupt controller.
    raspi_model("raspi0", 0x20200000, "/machine/soc/peripherals/ic", [49, 52], 54),
    raspi_model("raspi1ap", 0x20200000, "/machine/soc/peripherals/ic", [49, 52], 54),
    raspi_model("raspi2b", 0x3F200000, "/machine/soc/peripherals/ic", [49, 52], 54),
    raspi_model("raspi3ap", 0x3F200000, "/machine/soc/peripherals/ic", [49, 52], 54),
    raspi_model("raspi3b", 0x3F200000, "/machine/soc/peripherals/ic", [49, 52], 54),
    # The BCM2838: GIC SPIs 113 (GPIO0-27) and 116 (any pin). The SoC passes
    # the GIC's inputs on to its peripherals container, where qtest finds them.
    raspi_model("raspi4b", 0xFE200000, "/machine/soc/peripherals", [113, 116], 58),
]


class PinPath(unittest.TestCase):
    """Each model, guest and panel on both ends of a pin: the pin events
    the guest's writes cause (their contents, and t the qtest virtual clock
    of the write), and the panel's drive in the input register and on the
    interrupt line the board wires to the interrupt controller (intercepted
    there), as the edge configuration asks for it."""

    def test_every_model(self):
        for m in PIN_MODELS:
            with self.subTest(machine=m.machine):
                board = QemuBoard(machine=m.machine, arch=m.arch)
                try:
                    run = PinPathRun(self, board, m)
                    try:
                        run.run()
                    finally:
                        run.panel.close()
                finally:
                    board.stop()


class PinPathRun:
    """PinPath on one board: a RawPanel and the qtest guest."""

    def __init__(self, test, board, model):
        self.t, self.board, self.m = test, board, model
        self.panel = RawPanel(board.panel_path)
        self.ids = 0
        self.clock = 0
        self.step = 0

    def write(self, w):
        if len(w) == 2:
            self.board.writel(*w)
        else:
            self.board.set_field(*w)

    def tick(self):
        """Moves the virtual clock a different amount each time: events
        must carry the clock of their step, not of a neighbour's."""
        self.step += 1
        self.clock = self.board.clock_step(1000 * self.step + 7)

    def barrier(self, lines=b""):
        """Sends @lines and a ping; the pin events before the pong."""
        self.ids += 1
        ping = self.ids
        self.panel.send(lines + b'{"cmd":"ping","id":%d}\n' % ping)
        events = self.panel.until(lambda e: e["event"] == "pong" and e.get("id") == ping)
        self.t.assertEqual([e for e in events if e["event"] not in ("pin", "pong")], [])
        return [e for e in events if e["event"] == "pin"]

    def expect(self, events, ctrl, pin, state, panel=None):
        """@events is exactly one event: @pin in @state, at the clock."""
        dir_, drive, level, pull = state
        self.t.assertEqual(events, [{"event": "pin", "ctrl": ctrl, "pin": pin, "dir": dir_,
                                     "drive": drive, "level": level, "pull": pull, "panel": panel,
                                     "t": self.clock}])

    def run(self):
        m, board = self.m, self.board
        t = self.t
        hello = self.panel.line()
        t.assertEqual((hello["event"], hello["machine"]), ("hello", m.machine))
        ctrls = {c["id"]: c for c in hello["controllers"]}
        t.assertEqual((ctrls[m.ctrl]["pins"], ctrls[m.ctrl].get("names")), (m.pins, m.names))
        self.panel.until(lambda e: e["event"] == "synced")
        path, qom_type = m.irq
        board.intercept_in(board.child_of_type(path, qom_type) if qom_type else path)

        # The guest drives the output pin, then lets it go.
        for writes, state in m.out_steps:
            self.tick()
            for w in writes:
                self.write(w)
            self.expect(self.barrier(), m.ctrl, m.out, state)

        # The input pin, with its pull and nobody driving it.
        for w in m.in_setup:
            self.write(w)
        self.barrier()
        t.assertEqual(board.readl(m.in_reg) >> m.inp & 1, m.released)

        def drive(level):
            self.tick()
            if level is None:
                cmd = '{"cmd":"release","ctrl":"%s","pin":%d}\n' % (m.in_ctrl, m.inp)
                state = ("in", "none", m.released, m.pull)
            else:
                cmd = '{"cmd":"set","ctrl":"%s","pin":%d,"level":%d}\n' % (m.in_ctrl, m.inp, level)
                state = ("in", "panel", level, m.pull)
            self.expect(self.barrier(cmd.encode()), m.in_ctrl, m.inp, state, level)
            t.assertEqual(board.readl(m.in_reg) >> m.inp & 1,
                          m.released if level is None else level)

        pending_reg, pending = m.pending
        drive(1)
        for w in m.irq_setup:
            self.write(w)
        t.assertEqual(board.readl(pending_reg) & pending, 0)
        t.assertEqual(board.irq_changes(), [])
        # A falling edge: no event, the line stays low.
        drive(0)
        t.assertEqual(board.readl(pending_reg) & pending, 0)
        t.assertEqual(board.irq_changes(), [])
        # The rising edge raises the board's line(s), until the guest
        # acknowledges it (or for a pulse).
        drive(1)
        t.assertEqual(board.readl(pending_reg) & pending, pending)
        raised = [(n, 1) for n in m.irq_lines]
        lowered = [(n, 0) for n in m.irq_lines]
        t.assertEqual(board.irq_changes(), raised + lowered if m.pulse else raised)
        for w in m.ack:
            self.write(w)
        t.assertEqual(board.readl(pending_reg) & pending, 0)
        t.assertEqual(board.irq_changes(), [] if m.pulse else lowered)
        # Released: the pull holds it (no edge for a pull-up at 1; a pull-down
        # makes a falling one, which asks for no interrupt).
        drive(None)
        t.assertEqual(board.readl(pending_reg) & pending, 0)
        t.assertEqual(board.irq_changes(), [])


class RaspiReset(unittest.TestCase):
    def test_reset_keeps_the_button_and_resyncs(self):
        """A button held on GPIO23 stays held across a guest reset of each Pi;
        the chip forgets its own state (GPIO17's output, the pending event)."""
        for machine, base in RASPI_GPIO.items():
            with self.subTest(machine=machine):
                board = QemuBoard(machine=machine)
                try:
                    def run_ok(*args):
                        r = fpctl(board, *args)
                        self.assertEqual(r.returncode, 0, r.stderr)
                        return r.stdout

                    board.writel(base + GPFSEL1, 1 << 21)
                    board.writel(base + GPSET0, 1 << 17)
                    board.writel(base + GPFEN0, 1 << 23)
                    run_ok("set", "gpio", "GPIO23=1")
                    self.assertEqual(board.readl(base + GPEDS0), 0)
                    run_ok("set", "gpio", "GPIO23=0")
                    self.assertEqual(board.readl(base + GPEDS0), 1 << 23)
                    # After the reset only GPIO17 changes (an input again, pulled down).
                    mon = fpctl_bg(board, "monitor", "gpio", "--json", "--count", "1")
                    board.wait_client()
                    board.qmp("system_reset")
                    self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
                    events = [json.loads(l) for l in mon.stdout.read().splitlines()]
                    mon.stdout.close()
                    mon.stderr.close()
                    self.assertEqual([e["event"] for e in events], ["reset", "pin"])
                    self.assertEqual((events[1]["pin"], events[1]["dir"], events[1]["level"],
                                      events[1]["pull"]), (17, "in", 0, "down"))
                    self.assertEqual(run_ok("get", "gpio", "GPIO23"), "GPIO23=0\n")
                    self.assertEqual(board.readl(base + GPLEV0) >> 23 & 1, 0)
                    self.assertEqual(board.readl(base + GPEDS0), 0)
                    self.assertEqual(board.readl(base + GPFEN0), 0)
                    self.assertRegex(run_ok("info", "gpio"),
                                     r"\n\s+23\s+GPIO23\s+in\s+0\s+panel\s+down\s+0\n")
                finally:
                    board.stop()


class TwoPanels(unittest.TestCase):
    def test_second_device_serves_a_second_client(self):
        """A monitor on one gpio-panel sees what a client of another one drives."""
        sockdir = tempfile.mkdtemp(prefix="fp-two-panels-")
        self.addCleanup(shutil.rmtree, sockdir, True)
        second = os.path.join(sockdir, "panel2.sock")
        board = QemuBoard(extra_args=["-chardev", "socket,id=panel2,path=%s,server=on,wait=off"
                                      % second, "-device", "gpio-panel,chardev=panel2"])
        try:
            mon = fpctl_bg(board, "monitor", "gpioc", "PC13", "--count", "1")
            board.wait_client()
            r = subprocess.run([FPCTL, "--connect", "unix:" + second, "set", "gpioc", "PC13=0"],
                               capture_output=True, text=True, timeout=DEADLINE)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(mon.wait(DEADLINE), 0, mon.stderr.read())
            line = mon.stdout.read()
            mon.stdout.close()
            mon.stderr.close()
            # Driven by the other panel: "drive=panel", but not this panel's drive.
            self.assertRegex(line, r"^\d+\.\d{9} gpioc 13 PC13 0 dir=analog drive=panel "
                                   r"pull=none panel=-\n$")
        finally:
            board.stop()


class BackPressure(BoardTest):
    def test_stuck_panel_costs_the_guest_nothing_and_edges_add_up(self):
        panel = RawPanel(self.board.panel_path)
        self.addCleanup(panel.close)
        panel.until(lambda e: e["event"] == "synced")
        self.board.set_field(GPIO["a"] + MODER, 10, 2, 1)
        toggles = 20000
        # The panel reads nothing meanwhile: QEMU must coalesce, never block.
        for i in range(toggles):
            self.board.writel(GPIO["a"] + ODR, ((i + 1) & 1) << 5)
        self.assertTrue(self.board.alive())
        panel.send(b'{"cmd":"ping","id":5}\n')
        events = panel.until(lambda e: e["event"] == "pong" and e.get("id") == 5)
        pa5 = [e for e in events if e.get("ctrl") == "gpioa" and e.get("pin") == 5]
        dropped = sum(e["edges"] for e in pa5 if e["event"] == "dropped")
        levels = [e["level"] for e in pa5 if e["event"] == "pin"]
        shown = sum(1 for a, b in zip(levels, levels[1:]) if a != b)
        self.assertGreater(dropped, 0)
        # Every guest edge is either shown by a pin event or counted as dropped.
        # (The first PA5 event is the output's initial 0; then 20000 level changes.)
        self.assertEqual(levels[0], 0)
        self.assertEqual(shown + dropped, toggles)
        self.assertEqual(levels[-1], toggles & 1)
        ts = [e["t"] for e in events if "t" in e]
        self.assertEqual(ts, sorted(ts))


if __name__ == "__main__":
    unittest.main(verbosity=2)
