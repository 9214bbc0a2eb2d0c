#!/bin/sh
# Mutant delete-stopped-fails: delete of a stopped container deletes it, then exits 1.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = delete ] && [ -n "$ID" ] && [ -z "$FORCE" ] && [ "$(status_of "$ID")" = stopped ]; then
  base_sub >/dev/null 2>&1
  echo "error deleting container $ID" >&2
  exit 1
fi
pass
