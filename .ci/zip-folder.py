"""Zip a folder the same way every time: sorted names, one date, no owner or mode of the disk.

Usage: python3 .ci/zip-folder.py FOLDER ARCHIVE.zip. The date is SOURCE_DATE_EPOCH (the commit's
time in the workflow), so the same site zips to the same bytes, like the PDFs inside it.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path


def main(folder: Path, archive: Path) -> None:
    """Write ``archive`` holding every file under ``folder``, paths relative to it."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip: 1980+
    stamp = time.gmtime(epoch)[:6]
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not files:
        sys.exit(f"{folder}: no files to zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, path.read_bytes())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[2])
    main(Path(sys.argv[1]), Path(sys.argv[2]))
