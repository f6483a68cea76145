# Sourced by scripts/demo and scripts/test: make .venv and install baiqau into it.
# Each step that runs says so on stderr first: on a fresh machine they take minutes,
# and a silent terminal looks hung. A warm run says nothing here.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"
extras=${1:-dev}
say() { echo "baiqau: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x "$venv/bin/python" ]; then
  say "creating the virtual environment in .venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian ships venv's pip bootstrap separately (python3-venv).
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
      say "installing python3-venv (apt-get; first run only)"
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    else
      # No root: a venv without pip, then pip's own wheel from PyPI.
      say "fetching pip from PyPI (no root to install python3-venv)"
      python3 -m venv --without-pip "$venv"
      "$venv/bin/python" "$root/scripts/bootstrap_pip.py"
    fi
  fi
fi
stamp="$venv/.installed-$extras"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  if [ -f "$stamp" ]; then
    say "updating Python packages ($extras; pyproject.toml changed)"
  else
    say "installing Python packages ($extras; first run: a minute or two)"
  fi
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e "$root[$extras]"
  touch "$stamp"
fi
