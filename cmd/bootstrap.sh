#!/usr/bin/env bash
# Installs whatever is missing for oci-runtime-conformance on a Debian host, then builds.
# Idempotent: a second run installs nothing and only rebuilds.
#   bootstrap.sh        what running the suite needs: runc (the default runtime), busybox-static
#                       (the test rootfs), util-linux (unshare), npm dependencies, the build
#   bootstrap.sh --dev  also what the self-tests need: crun and runsc (the suite runs against all
#                       three), libxml2-utils (xmllint: JUnit), chromium (headless: report.html)
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
case "${1:-}" in
  --dev) dev=1 ;;
  "") ;;
  *) echo "bootstrap: unknown argument $1 (use --dev for the self-tests' extra packages)" >&2; exit 2 ;;
esac

need_pkgs=()
need() { command -v "$1" >/dev/null 2>&1 || need_pkgs+=("$2"); }
need runc runc
need unshare util-linux
# Debian's busybox-static installs a statically linked /bin/busybox; plain busybox is dynamic.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "install ok installed" || need_pkgs+=(busybox-static)
if [ "$dev" = 1 ]; then
  need crun crun
  need runsc runsc
  need xmllint libxml2-utils
  need chromium chromium
fi

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: missing host packages: ${need_pkgs[*]}; run as root or: sudo apt-get install -y ${need_pkgs[*]}" >&2
    exit 2
  fi
  echo "bootstrap: installing ${need_pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm dependencies" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

npm run build --silent
