#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest against flatpak-builder's JSON schema and Limber's
sandbox promises: no network, no file system access beyond the portals.

Usage: validate-manifest.py MANIFEST SCHEMA
Exits 77 (skipped) when the schema is not there: it is not shipped with Limber."""

import json
import os
import sys

SKIP = 77


def main():
    manifest_path, schema_path = sys.argv[1], sys.argv[2]
    if not os.path.exists(schema_path):
        print(f"skipped: no manifest schema at {schema_path}")
        return SKIP

    import jsonschema

    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)

    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(manifest), key=str)
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        print(f"{manifest_path}: {where}: {error.message}")

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg.startswith("--share=network") or arg.startswith("--filesystem"):
            print(f"{manifest_path}: finish-args: {arg} breaks the promise that "
                  "patient data never leaves the computer")
            errors.append(arg)

    if manifest.get("id", manifest.get("app-id")) != "org.limberapp.Limber":
        print(f"{manifest_path}: id: must be org.limberapp.Limber")
        errors.append("id")

    if errors:
        return 1
    print(f"{manifest_path}: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
