#!/bin/sh
# Mutant delete-stopped-noop: delete of a stopped container exits 0 and leaves it there.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = delete ] && [ -n "$ID" ] && [ -z "$FORCE" ] && [ "$(status_of "$ID")" = stopped ]; then
  exit 0
fi
pass
