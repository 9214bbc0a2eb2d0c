#!/bin/sh
# Mutant config-capabilities-unknown-leaves-container: create refuses an unknown capability, but only after making the container without it, which stays under the ID.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
{ [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
base_sub && exit 0
rc=$?
left="$BUNDLE/.mutant-leftover-$ID"
mkdir -p "$left" && cp "$CONFIG" "$left/config.json"
json_edit "$left/config.json" "delete c.hooks;
  for (const [set, list] of Object.entries(c.process?.capabilities ?? {})) c.process.capabilities[set] = list.filter((x) => h.capabilities.includes(x));
  if (!c.root.path.startsWith('/')) c.root.path = '$BUNDLE/' + c.root.path;"
base create --bundle "$left" "$ID" </dev/null >/dev/null 2>&1
exit $rc
