#!/bin/sh
# The project's commands. Needs only Python 3.11+ and a shell; installs the rest into .venv.
#   ./run.sh serve   build the site and serve it on http://127.0.0.1:8000/ (rebuilds on change)
#   ./run.sh build   build the site into site/ (strict: any warning stops the build), with the PDFs
#                    when Debian's Chromium is installed (/usr/bin/chromium); set SITE_URL to publish
#   ./run.sh test    run every test
#   ./run.sh report  readability per chapter (benchmark/leesbaarheid.md)
#   ./run.sh benchmark  sizes, Lighthouse scores and build times against a default Material build
#                    (benchmark/rapport.md; needs chromium, nginx and npm)
set -eu
cd "$(dirname "$0")"

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Install (again) only when the pinned lock file changed.
if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  cp requirements.lock .venv/.installed-lock
fi

export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  serve) exec .venv/bin/mkdocs serve "$@" ;;
  build)
    if [ -x /usr/bin/chromium ]; then
      export PDF=1
    else
      echo "run.sh: /usr/bin/chromium not found: building WITHOUT the PDFs (apt-get install chromium)" >&2
      export PDF=0
    fi
    [ -n "${SITE_URL:-}" ] || echo "run.sh: SITE_URL is not set: addresses point to http://127.0.0.1:8000/" >&2
    exec .venv/bin/mkdocs build "$@" ;;
  test)
    # Test tools from npm (axe-core, vnu-jar; see package.json), installed again only when the lock changed.
    if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
      if command -v npm >/dev/null 2>&1; then
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
        cp package-lock.json node_modules/.installed-lock
      else
        echo "run.sh: npm not found: the accessibility and HTML checks need Node.js (apt-get install nodejs npm)" >&2
      fi
    fi
    exec .venv/bin/python -m pytest "$@" ;;
  report) exec .venv/bin/python benchmark/leesbaarheid.py "$@" ;;
  benchmark) exec .venv/bin/python benchmark/run.py "$@" ;;
  *) echo "usage: ./run.sh serve | build | test | report | benchmark" >&2; exit 2 ;;
esac
