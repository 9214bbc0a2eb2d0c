#!/bin/sh
# Mutant pid-file-runtime-pid: create --pid-file writes the runtime's own pid, not the container's.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = create ] && [ -n "$PIDFILE" ] || pass
base_sub || exit $?
echo $$ > "$PIDFILE"
