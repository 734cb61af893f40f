#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The bundled board layouts against layout.schema.json, and the schema
against the loader (app/src/fp-layout.c) on the bad files of
tests/unit/layouts/, whose name says what is wrong with them:

  syntax-*    not JSON: a strict JSON reader rejects them
  schema-*    JSON, but not a layout: the schema rejects them
  check-*     wrong only in a way no schema can see (one member against
              another, the file name): the schema accepts them
  mismatch-*  layouts for another machine: the schema accepts them

test-layout.c checks that the loader rejects every one of them, so the
schema and the loader agree on each file.

Usage: test_layouts.py SCHEMA BOARDS_DIR BAD_DIR (meson passes them).
"""
import json
import pathlib
import sys
import unittest
import xml.etree.ElementTree as ET

import jsonschema

SCHEMA, BOARDS, BAD = (pathlib.Path(p) for p in sys.argv[1:4])
GRESOURCE = BOARDS / "boards.gresource.xml"


def reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def strict_object(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate member %r" % key)
        obj[key] = value
    return obj


def load_strict(path):
    """Parses RFC 8259 JSON with unique member names, as the loader does."""
    return json.loads(path.read_bytes().decode("utf-8"),
                      object_pairs_hook=strict_object,
                      parse_constant=reject_constant)


class Layouts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        schema = load_strict(SCHEMA)
        jsonschema.Draft202012Validator.check_schema(schema)
        cls.validator = jsonschema.Draft202012Validator(schema)
        cls.boards = sorted(p for p in BOARDS.glob("*.json") if p != SCHEMA)

    def errors(self, layout):
        return [e.message for e in self.validator.iter_errors(layout)]

    def test_bundled(self):
        self.assertGreater(len(self.boards), 0)
        machines = {}
        for path in self.boards:
            with self.subTest(board=path.name):
                layout = load_strict(path)
                self.assertEqual(self.errors(layout), [])
                self.assertEqual(layout["board"] + ".json", path.name)
                for machine in layout["machines"]:
                    self.assertNotIn(machine, machines, "served twice")
                    machines[machine] = path.name

    def test_gresource_lists_every_board(self):
        files = [f.text for f in ET.parse(GRESOURCE).getroot().iter("file")]
        self.assertEqual(sorted(files), [p.name for p in self.boards])

    def test_bad_files(self):
        bad = sorted(BAD.glob("*.json"))
        self.assertGreater(len(bad), 0)
        for path in bad:
            kind = path.name.split("-")[0]
            with self.subTest(file=path.name):
                if kind == "syntax":
                    with self.assertRaises(ValueError):
                        load_strict(path)
                    continue
                layout = load_strict(path)
                if kind == "schema":
                    self.assertNotEqual(self.errors(layout), [],
                                        "the schema accepts it, the loader does not")
                elif kind in ("check", "mismatch"):
                    self.assertEqual(self.errors(layout), [])
                else:
                    self.fail("name it syntax-, schema-, check- or mismatch-")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
