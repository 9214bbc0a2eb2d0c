#!/bin/sh
# Mutant delete-kills-netns-holder: delete kills the processes that hold namespaces the container joined (/proc/PID/ns/... paths in config.json).
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = delete ] && [ -n "$ID" ] || pass
bundle=$(state_json "$ID" | field bundle)
holders=$(json_get "$bundle/config.json" "(c.linux?.namespaces ?? []).map((n) => /^\/proc\/(\d+)\/ns\//.exec(n.path ?? '')?.[1]).filter(Boolean).join(' ')" 2>/dev/null)
base_sub
rc=$?
if [ $rc = 0 ]; then for p in $holders; do kill -9 "$p" 2>/dev/null; done; fi
exit $rc
