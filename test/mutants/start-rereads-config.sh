#!/bin/sh
# Mutant start-rereads-config: start re-reads config.json: it re-creates the container from the bundle as it is now, then starts it.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = start ] && [ -n "$ID" ] && [ "$(status_of "$ID")" = created ]; then
  bundle=$(state_json "$ID" | field bundle)
  base delete --force "$ID" >/dev/null 2>&1
  base create --bundle "$bundle" "$ID" </dev/null >/dev/null 2>&1 || exit 1
fi
pass
