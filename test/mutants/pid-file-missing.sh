#!/bin/sh
# Mutant pid-file-missing: create --pid-file leaves no pid file.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = create ] && [ -n "$PIDFILE" ] || pass
base_sub
rc=$?
rm -f "$PIDFILE"
exit $rc
