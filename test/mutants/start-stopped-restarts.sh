#!/bin/sh
# Mutant start-stopped-restarts: start of a stopped container re-creates it from its bundle and runs the program again.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = start ] && [ -n "$ID" ] && [ "$(status_of "$ID")" = stopped ]; then
  bundle=$(state_json "$ID" | field bundle)
  base delete "$ID" >/dev/null 2>&1
  base create --bundle "$bundle" "$ID" </dev/null >/dev/null 2>&1 || exit 1
fi
pass
