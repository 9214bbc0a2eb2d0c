#!/bin/sh
# Mutant config-capabilities-unknown-leaves-container: create refuses an unknown capability, but only after making the container without it, which stays under the ID.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
create_leaving_leftover 'for (const [set, list] of Object.entries(c.process?.capabilities ?? {})) c.process.capabilities[set] = list.filter((x) => h.capabilities.includes(x));'
