#!/usr/bin/env bash
# The system tools the tests read PDFs, fonts, translations and pages with: the one list, used by
# .ci/run here and by every workflow job that runs tests on GitHub, so both have the same tools.
# Each line is a Debian (and Ubuntu) package and a command or file that shows it is there; only
# what is missing is installed, as root or through sudo. Add a package here, nowhere else.
set -euo pipefail

tools=(
  "libimage-exiftool-perl exiftool"
  "poppler-utils pdftotext"
  "qpdf qpdf"
  "chromium chromium"  # GitHub's runner image ships it at /usr/bin/chromium, outside apt
  "ghostscript gs"
  "default-jre-headless java"
  "libpdfbox2-java /usr/share/java/pdfbox2-tools.jar"
  "mupdf-tools mutool"
  "gettext msgfmt"
  "libharfbuzz-bin hb-shape"
  "nodejs node"  # runs pdf.js, Firefox's PDF reader, in tests/test_searchable.py
  "npm npm"
  "git git"  # dates a pack kept in git by its last commit, in tests/test_dates.py
)

missing=()
for entry in "${tools[@]}"; do
  read -r package probe <<<"$entry"
  if [[ $probe == /* ]]; then
    [ -e "$probe" ] && continue
  else
    command -v "$probe" >/dev/null && continue
  fi
  missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system tools: all present"
else
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  echo "+ apt-get install ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pdf.js (Firefox's reader), at the version tests/readers/package-lock.json pins.
echo "+ npm ci --prefix tests/readers"
npm ci --prefix "$(dirname "$0")/../tests/readers" --no-audit --no-fund >/dev/null
