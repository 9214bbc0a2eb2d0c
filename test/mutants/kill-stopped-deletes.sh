#!/bin/sh
# Mutant kill-stopped-deletes: kill of a stopped container fails, but deletes it first.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = kill ] && [ -n "$ID" ] && [ "$(status_of "$ID")" = stopped ]; then
  base delete "$ID" >/dev/null 2>&1
  echo "container not running" >&2
  exit 1
fi
pass
