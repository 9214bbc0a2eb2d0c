#!/bin/sh
# Mutant start-running-reexecs: start of a running container fails, but first runs the program again (runc exec of config.json process).
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = start ] && [ -n "$ID" ] && [ "$(status_of "$ID")" = running ]; then
  bundle=$(state_json "$ID" | field bundle)
  p=$(mktemp) || exit 1
  json_get "$bundle/config.json" 'c.process' > "$p"
  base exec --detach --process "$p" "$ID" </dev/null >/dev/null 2>&1
  rm -f "$p"
  echo "cannot start a container that is running" >&2
  exit 1
fi
pass
