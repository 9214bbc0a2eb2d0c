#!/bin/sh
# Mutant config-capabilities-widened: create gives the process CAP_SYS_ADMIN and its whole bounding set in every capability set.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'const b = [...(c.process.capabilities?.bounding ?? []), "CAP_SYS_ADMIN"]; c.process.capabilities = { bounding: b, effective: b, permitted: b, inheritable: b }'
