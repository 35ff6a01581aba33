#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation is incomplete, or when Limber's text does not come out
translated.

1. The program's strings: a template freshly extracted from po/POTFILES.in is merged
   into every po/LANG.po of po/LINGUAS; any untranslated or fuzzy message fails, with
   its text. So does a user guide help/LANG/LANG.po of help/LINGUAS against the pages.
2. Limber's text paths under LANGUAGE=de and es (the command line's help, an error
   message, a patient summary) must come out in that language: no line of the English
   output may appear in the translated one, and known words must be there, with the
   locale's decimal comma. A locale the system lacks is built with localedef (Debian's
   'locales' package has their sources).

Usage: check-translations.py SOURCE_ROOT BUILD_ROOT"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format", "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# What each language's text paths must show (besides having no English line left).
EXPECTED = {
    "de": {"locale": "de_DE.UTF-8",
           "help": "Aufruf: limber",
           "error": "unbekannter Befehl „frobnicate“",
           "summary": ["Pat.-Nr. D-1002", "Schulterschmerzen seit", "Behandlungen",
                       "Erfolg: ja", "−66,7\u00a0%"]},
    "es": {"locale": "es_ES.UTF-8",
           "help": "Uso: limber",
           "error": "orden desconocida «frobnicate»",
           "summary": ["NHC D-1002", "Dolor de hombro desde el", "sesiones",
                       "Éxito: sí", "−66,7\u00a0%"]},
}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def read_linguas(path):
    with open(path, encoding="utf-8") as f:
        return [w for line in f if not line.lstrip().startswith("#") for w in line.split()]


def check_catalog(po, pot, work, what):
    """Merges po with the template; fails on untranslated and fuzzy messages."""
    merged = os.path.join(work, os.path.basename(po) + ".merged")
    result = run(["msgmerge", "--quiet", "--previous", "-o", merged, po, pot])
    if result.returncode != 0:
        fail(f"{po}: msgmerge: {result.stderr.strip()}")
        return
    result = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged])
    stats = result.stderr.strip()
    if result.returncode != 0:
        fail(f"{po}: msgfmt --check: {stats}")
        return
    if "untranslated" in stats or "fuzzy" in stats:
        fail(f"{po}: {stats} ({what}); update it with msgmerge and translate these:")
        for flag in ("--untranslated", "--only-fuzzy"):
            listing = run(["msgattrib", flag, "--no-obsolete", "--no-location",
                           "--no-wrap", merged]).stdout
            for msgid in re.findall(r'^msgid "(.+)"$', listing, re.M)[:40]:
                print(f"    {flag[2:]}: {msgid}")
    else:
        print(f"{po}: {stats}")


def check_program_catalogs(source, work):
    pot = os.path.join(work, "limber.pot")
    result = run(["xgettext", "--package-name=limber", "-D", source,
                  "--files-from=" + os.path.join(source, "po", "POTFILES.in"),
                  "-o", pot] + XGETTEXT_ARGS)
    if result.returncode != 0:
        fail("xgettext: " + result.stderr.strip())
        return
    for lang in read_linguas(os.path.join(source, "po", "LINGUAS")):
        check_catalog(os.path.join(source, "po", lang + ".po"), pot, work, "program")


def check_help_catalogs(source, work):
    help_dir = os.path.join(source, "help")
    pages = sorted(os.path.join(help_dir, "C", name)
                   for name in os.listdir(os.path.join(help_dir, "C"))
                   if name.endswith(".page") or name.endswith(".xml"))
    pot = os.path.join(work, "help.pot")
    result = run(["itstool", "-o", pot] + pages)
    if result.returncode != 0:
        fail("itstool: " + result.stderr.strip())
        return
    for lang in read_linguas(os.path.join(help_dir, "LINGUAS")):
        check_catalog(os.path.join(help_dir, lang, lang + ".po"), pot, work, "user guide")


def locale_environment(lang, locale, work):
    """An environment where the locale exists: the system's, or one built here."""
    env = dict(os.environ)
    for key in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(key, None)
    available = run(["locale", "-a"]).stdout.lower().replace("-", "").split()
    if locale.lower().replace("-", "") not in available:
        locpath = os.path.join(work, "locales")
        os.makedirs(locpath, exist_ok=True)
        name, charmap = locale.split(".")
        result = run(["localedef", "-i", name, "-f", charmap, os.path.join(locpath, locale)])
        if not os.path.isdir(os.path.join(locpath, locale)):
            fail(f"cannot build the {locale} locale (install Debian's 'locales'): "
                 + result.stderr.strip())
            return None
        env["LOCPATH"] = locpath
    env["LANG"] = locale
    env["LANGUAGE"] = lang
    return env


def check_text_paths(build, work):
    limber = os.path.join(build, "src", "limber")
    english = dict(os.environ, LC_ALL="C.UTF-8")
    english.pop("LANGUAGE", None)

    def outputs(env, database):
        help_text = run([limber, "--help"], env=env).stdout
        error_text = run([limber, "--database", database, "frobnicate"], env=env).stderr
        run([limber, "--database", database, "demo"], env=env)
        summary = run([limber, "--database", database, "summary", "D-1002"], env=env)
        return {"help": help_text, "error": error_text,
                "summary": summary.stdout + summary.stderr}

    reference = outputs(english, os.path.join(work, "en.sqlite"))
    for lang, expected in EXPECTED.items():
        env = locale_environment(lang, expected["locale"], work)
        if env is None:
            continue
        env["LIMBER_LOCALEDIR"] = os.path.join(build, "po")
        translated = outputs(env, os.path.join(work, lang + ".sqlite"))
        for path, text in translated.items():
            wanted = expected[path] if isinstance(expected[path], list) else [expected[path]]
            for words in wanted:
                if words not in text:
                    fail(f"{lang}: limber {path}: “{words}” is missing from:\n{text}")
            english_lines = {line.strip() for line in reference[path].splitlines()
                             if re.search(r"[A-Za-z]{3}", line)}
            for line in text.splitlines():
                if line.strip() in english_lines:
                    fail(f"{lang}: limber {path}: untranslated line: {line.strip()}")
        print(f"{lang}: --help, an error message and a summary come out translated")


def main():
    source, build = sys.argv[1], sys.argv[2]
    for tool in ("xgettext", "msgmerge", "msgfmt", "msgattrib", "itstool"):
        if shutil.which(tool) is None:
            print(f"FAIL: {tool} is missing (build-aux/install-deps)")
            return 1
    with tempfile.TemporaryDirectory(prefix="limber-translations-") as work:
        check_program_catalogs(source, work)
        check_help_catalogs(source, work)
        check_text_paths(build, work)
    if failures:
        print(f"{len(failures)} problems")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
