#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every screenshot the metainfo names is in data/screenshots/, as a PNG
of the size the metainfo declares, and that every file there is named: the software
centre shows what the metainfo says, and build-aux/take-screenshots makes the files.

Usage: check-screenshots.py METAINFO SCREENSHOTS_DIR"""

import os
import struct
import sys
import xml.etree.ElementTree as ET

URL_PREFIX = "https://limberapp.org/screenshots/"


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    errors = []
    named = set()
    images = ET.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
    if not images:
        errors.append(f"{metainfo}: no screenshots")
    for image in images:
        url = image.text.strip()
        if not url.startswith(URL_PREFIX):
            errors.append(f"{metainfo}: {url}: screenshots live under {URL_PREFIX}")
            continue
        name = url[len(URL_PREFIX):]
        named.add(name)
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            errors.append(f"{metainfo}: {url}: no {path} (build-aux/take-screenshots)")
            continue
        size = png_size(path)
        declared = (int(image.get("width", 0)), int(image.get("height", 0)))
        if size is None:
            errors.append(f"{path}: not a PNG file")
        elif size != declared:
            errors.append(f"{path}: {size[0]}×{size[1]} pixels, the metainfo says "
                          f"{declared[0]}×{declared[1]}")
    for name in sorted(os.listdir(folder)):
        if name not in named:
            errors.append(f"{os.path.join(folder, name)}: not named in {metainfo}")

    for error in errors:
        print(error)
    if errors:
        return 1
    print(f"{len(named)} screenshots, each in {folder} at its declared size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
