#!/bin/sh
# Mutant config-capabilities-unknown-dropped: create drops capability names the kernel does not have instead of failing, whatever the config's version.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const [set, list] of Object.entries(c.process?.capabilities ?? {})) c.process.capabilities[set] = list.filter((x) => h.capabilities.includes(x))'
