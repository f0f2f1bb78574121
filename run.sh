#!/bin/sh
# The project's commands. Needs only Python 3.11+ and a shell; installs the rest into .venv.
#   ./run.sh serve   build the site and serve it on http://127.0.0.1:8000/ (rebuilds on change)
#   ./run.sh build   build the site into site/ (strict: any warning stops the build), with the PDFs
#                    when Debian's Chromium is installed (/usr/bin/chromium); set SITE_URL to publish.
#                    It publishes, so it records the site's new addresses in adressen.txt
#   ./run.sh adressen  build the site (without PDFs, into a temporary folder) and record its new
#                    addresses in adressen.txt: run it before you commit a new page, heading, tip or word
#   ./run.sh test    run every test; installs what the tests need first (Python packages into .venv,
#                    npm tools into node_modules, and as root the Debian packages, with apt-get)
#   ./run.sh check   the editors' quick check (under 30 s): lint and types, then builds without PDFs and
#                    runs the content, link and source tests (serve and check write no file of the project)
#   ./run.sh lint    ruff (lint and format check) and mypy on the site's code
#   ./run.sh hernoem OUD NIEUW   renames docs/OUD.md to docs/NIEUW.md with its nav entry, links and a
#                    redirect from the old address (REDACTIE.md)
#   ./run.sh report  readability per chapter (benchmark/leesbaarheid.md)
#   ./run.sh benchmark  sizes, Lighthouse scores and build times against a default Material build
#                    (benchmark/rapport.md; needs chromium, nginx and npm)
set -eu
cd "$(dirname "$0")"

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Install (again) only when the pinned lock file changed; every file must match its hash in the lock.
if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  cp requirements.lock .venv/.installed-lock
fi
# The site's own package (gids/), editable: installed again only when pyproject.toml changed.
if ! cmp -s pyproject.toml .venv/.installed-pyproject 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  cp pyproject.toml .venv/.installed-pyproject
fi

# Debian packages the tests use (each is checked by the file it provides):
#   chromium (browser tests, PDFs), poppler-utils (pdftotext, pdffonts, pdftoppm), zbar-tools (zbarimg
#   reads the QR codes the tests print and draw), a Java runtime
#   (the Nu Html Checker), Node.js and npm (axe-core and vnu-jar from package.json), nginx with its
#   Brotli module (the shipped server configuration and the page-weight budgets).
debian_packages_missing() {
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
  command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
  command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
  [ -x /usr/sbin/nginx ] || missing="$missing nginx"
  ls /usr/lib/nginx/modules/ngx_http_brotli_static_module.so >/dev/null 2>&1 || missing="$missing libnginx-mod-http-brotli-static"
  echo "$missing"
}

install_debian_packages() {
  missing=$(debian_packages_missing)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: the tests need Debian packages; install them with: sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
  echo "run.sh: installing Debian packages:$missing" >&2
  # Packages must not start services while they install (nginx would take port 80): policy-rc.d says no.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086  # the list is meant to split into package names
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

install_npm_tools() {
  # Test tools from npm (axe-core, vnu-jar; see package.json), installed again only when the lock changed.
  if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.installed-lock
  fi
}

# The site's code as pyproject.toml asks: ruff's lint and format, mypy's types (a few seconds).
lint() {
  .venv/bin/ruff check --quiet gids tests benchmark
  .venv/bin/ruff format --quiet --check gids tests benchmark
  .venv/bin/mypy --no-error-summary gids
}

export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  serve|build|adressen|check|test) .venv/bin/python -m gids.redactie yaml ;;  # a YAML mistake, said plainly first
esac
case "$command" in
  serve) exec .venv/bin/properdocs serve "$@" ;;
  build)
    if [ -x /usr/bin/chromium ]; then
      export PDF=1
    else
      echo "run.sh: /usr/bin/chromium not found: building WITHOUT the PDFs (apt-get install chromium)" >&2
      export PDF=0
    fi
    [ -n "${SITE_URL:-}" ] || echo "run.sh: SITE_URL is not set: addresses point to http://127.0.0.1:8000/" >&2
    ADRESSEN=1 exec .venv/bin/properdocs build "$@" ;;  # what is published stays: its new addresses are recorded
  adressen)
    # A build only to record the new addresses (gids/addresses.py): site/ stays as it is.
    folder=$(mktemp -d "${TMPDIR:-/tmp}/gids-adressen.XXXXXX")
    cp adressen.txt "$folder/voor" 2>/dev/null || : > "$folder/voor"
    status=0
    PDF=0 ADRESSEN=1 .venv/bin/properdocs build -q -d "$folder/site" "$@" || status=$?
    if [ "$status" != 0 ]; then
      :
    elif cmp -s adressen.txt "$folder/voor"; then
      echo "run.sh: geen nieuwe adressen: adressen.txt blijft zoals het was"
    else
      echo "run.sh: nieuwe adressen vastgelegd in adressen.txt: neem dat bestand mee in je commit"
    fi
    rm -rf "$folder"
    exit "$status" ;;
  test)
    lint
    install_debian_packages
    install_npm_tools
    exec .venv/bin/python -m pytest "$@" ;;
  check)
    # The code's lint and types, then the content, link and source tests on a build without PDFs: no
    # browser, no server.
    lint
    TEST_PDF=0 exec .venv/bin/python -m pytest -q -m "not browser and not pdf and not slow and not npm" "$@" ;;
  lint) lint ;;
  hernoem) exec .venv/bin/python -m gids.redactie hernoem "$@" ;;
  report) exec .venv/bin/python -m gids.leesbaarheid "$@" ;;
  benchmark) exec .venv/bin/python benchmark/run.py "$@" ;;
  *) echo "usage: ./run.sh serve | build | adressen | test | check | lint | hernoem OUD NIEUW | report | benchmark" >&2; exit 2 ;;
esac
