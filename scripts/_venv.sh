# Sourced by scripts/demo and scripts/test: make .venv and install baiqau into it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"
extras=${1:-dev}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian ships venv's pip bootstrap separately (python3-venv).
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    else
      # No root: a venv without pip, then pip's own wheel from PyPI.
      python3 -m venv --without-pip "$venv"
      "$venv/bin/python" "$root/scripts/bootstrap_pip.py"
    fi
  fi
fi
stamp="$venv/.installed-$extras"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e "$root[$extras]"
  touch "$stamp"
fi
