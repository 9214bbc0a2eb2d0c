#!/bin/sh
# Mutant config-mount-options-dropped: the mounts under /oci-mounts are made without their options (bind and rbind aside).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const m of c.mounts) if (m.destination.startsWith("/oci-mounts/")) m.options = (m.options ?? []).filter((o) => o === "bind" || o === "rbind")'
