#!/bin/sh
# Mutant config-mount-relative-dropped: create skips mounts whose destination is not an absolute path.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.mounts = c.mounts.filter((m) => m.destination.startsWith("/"))'
