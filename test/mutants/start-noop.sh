#!/bin/sh
# Mutant start-noop: start exits 0 and does not start the program.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = start ] && [ -n "$ID" ] && exit 0
pass
