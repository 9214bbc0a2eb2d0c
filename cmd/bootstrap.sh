#!/usr/bin/env bash
# Installs whatever is missing for oci-runtime-conformance on a Debian host, then builds.
# Idempotent: a second run installs nothing and only rebuilds.
#   host packages: runc, crun, runsc (gVisor), busybox-static (the test rootfs), util-linux (unshare),
#   libxml2-utils (xmllint: the JUnit self-test), chromium (headless: the report.html self-tests)
#   npm dependencies (npm ci) and the TypeScript build (npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v runc >/dev/null 2>&1 || need_pkgs+=(runc)
command -v crun >/dev/null 2>&1 || need_pkgs+=(crun)
command -v runsc >/dev/null 2>&1 || need_pkgs+=(runsc)
command -v unshare >/dev/null 2>&1 || need_pkgs+=(util-linux)
command -v xmllint >/dev/null 2>&1 || need_pkgs+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
# Debian's busybox-static installs a statically linked /bin/busybox; plain busybox is dynamic.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "install ok installed" || need_pkgs+=(busybox-static)

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
