#!/bin/sh
# Mutant config-capabilities-unknown-refused: create refuses a capability name the kernel does not have, whatever the config's version.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
{ [ "$SUBCMD" = create ] && [ -f "$CONFIG" ]; } || pass
unknown=$(json_get "$CONFIG" 'Object.values(c.process?.capabilities ?? {}).flat().filter((x) => !h.capabilities.includes(x)).join(" ")') || exit 1
if [ -n "$unknown" ]; then echo "unknown capabilities: $unknown" >&2; exit 1; fi
pass
