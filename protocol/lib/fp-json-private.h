/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fp-json-private.h: a strict RFC 8259 parser and a canonical string writer.
 *
 * json-glib 1.6 accepts single quotes, assignments, trailing values and
 * duplicate keys, and does not tell "5" from "5.0" in a way we can rely on,
 * so protocol lines are parsed here and handed on as ordinary JsonNode trees.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* More nested objects/arrays are a syntax error; no protocol message nests beyond 4. */
#define FP_JSON_MAX_DEPTH 32

/*
 * Parses exactly one JSON value (with optional whitespace around it) from
 * @text. Integers without fraction or exponent become G_TYPE_INT64 values,
 * saturated at the int64 limits (every protocol integer is far inside them);
 * other numbers become G_TYPE_DOUBLE. Invalid UTF-8, NUL bytes (also as
 * "\u0000"), duplicate member names and anything else outside RFC 8259 fail
 * with a message that gives the byte offset.
 */
JsonNode *fp_json_parse (const char *text, gsize len, GError **error);

/* Appends @s as a JSON string literal in the protocol's canonical form. */
void fp_json_append_string (GString *out, const char *s);

G_END_DECLS
