#!/bin/sh
# Mutant create-failure-leaves-container: a create that fails leaves a created container behind under its ID.
. "$(dirname -- "$0")/lib/common.sh"
{ [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
base_sub && exit 0
rc=$?
# What a runtime that does not clean up after itself leaves: a container made of what it could
# apply (no hooks, no namespace paths).
left="$BUNDLE/.mutant-leftover-$ID"
mkdir -p "$left" && cp "$CONFIG" "$left/config.json"
json_edit "$left/config.json" "delete c.hooks; for (const n of c.linux?.namespaces ?? []) delete n.path;
  if (!c.root.path.startsWith('/')) c.root.path = '$BUNDLE/' + c.root.path;"
base create --bundle "$left" "$ID" </dev/null >/dev/null 2>&1
exit $rc
