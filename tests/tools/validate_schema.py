#!/usr/bin/python3
"""Validate JSON documents against a JSON Schema.

Usage: validate_schema.py SCHEMA FILE...

Prints `FILE: ok` for each valid file, or one line per error with the JSON
path of the value at fault (`FILE: $.findings[0].severity: 'urgent' is not
one of [...]`). Exits 0 when every file is valid, 1 when any file is invalid
or unreadable, 2 on a usage error or an invalid schema.

Uses the system python3-jsonschema (Debian), draft 2020-12 or draft-07 as the
schema's `$schema` says; `format` keywords (such as `date`) are checked.
"""

import json
import sys

import jsonschema


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def error_path(error):
    # `json_path` exists from jsonschema 4.0; build it by hand before that.
    path = getattr(error, "json_path", None)
    if path is not None:
        return path
    out = "$"
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def sort_key(error):
    # Document order: array indexes numerically, keys by name.
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path], error.message


def main(argv):
    if len(argv) < 3:
        print("usage: validate_schema.py SCHEMA FILE...", file=sys.stderr)
        return 2
    schema_path, files = argv[1], argv[2:]
    try:
        schema = load_json(schema_path)
    except (OSError, ValueError) as e:
        print(f"{schema_path}: cannot read schema: {e}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"{schema_path}: invalid schema: {e.message}", file=sys.stderr)
        return 2
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER
                                if hasattr(validator_class, "FORMAT_CHECKER")
                                else jsonschema.FormatChecker())

    failed = False
    for path in files:
        try:
            document = load_json(path)
        except OSError as e:
            print(f"{path}: cannot read: {e.strerror}")
            failed = True
            continue
        except ValueError as e:
            print(f"{path}: not JSON: {e}")
            failed = True
            continue
        errors = sorted(validator.iter_errors(document), key=sort_key)
        if not errors:
            print(f"{path}: ok")
            continue
        failed = True
        for error in errors:
            print(f"{path}: {error_path(error)}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
