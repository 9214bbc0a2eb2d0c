#!/bin/sh
# Mutant config-mount-order-reversed: the mounts under /oci-mounts are made in reverse order (the others keep theirs).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'const at = c.mounts.flatMap((m, i) => (m.destination.startsWith("/oci-mounts/") ? [i] : [])); const rev = at.map((i) => c.mounts[i]).reverse(); at.forEach((i, k) => { c.mounts[i] = rev[k]; })'
