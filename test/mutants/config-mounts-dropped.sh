#!/bin/sh
# Mutant config-mounts-dropped: create ignores the mounts the config lists under /oci-mounts.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.mounts = c.mounts.filter((m) => !("/" + m.destination.replace(/^\/+/, "")).startsWith("/oci-mounts/"))'
