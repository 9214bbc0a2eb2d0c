#!/bin/sh
# Mutant start-not-created-ok: start of a container that is not created (running, stopped) exits 0 and does nothing.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = start ] && [ -n "$ID" ]; then
  st=$(status_of "$ID")
  [ -n "$st" ] && [ "$st" != created ] && exit 0
fi
pass
