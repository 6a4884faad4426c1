#!/usr/bin/env python3
"""Validates a JSON document against a JSON Schema with the `jsonschema`
package (Debian: python3-jsonschema), picking the validator class the
schema's $schema names (the SARIF 2.1.0 schema is draft-04, fltlint's own is
draft-07).  Offline: both schemas are self-contained.  Used by
tests/check_ci.c.  Exit 0 valid, 1 invalid (errors on stderr), 2 unusable."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate_json: python3-jsonschema is missing (scripts/install-deps.sh installs it)", file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) != 3:
        print("usage: validate_json.py SCHEMA DOCUMENT", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        document = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        path = "/".join(str(p) for p in error.absolute_path)
        print(f"validate_json: /{path}: {error.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
