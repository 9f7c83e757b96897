#!/usr/bin/env bash
# Installs what the tests need: Node packages, and the real IRC servers, browser and web
# server the tests start (Debian packages, installed only when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in ngircd inspircd atheme-services chromium openssl nginx systemd; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing ${missing[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
npm ci --no-audit --no-fund
