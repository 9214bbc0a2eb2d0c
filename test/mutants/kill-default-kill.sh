#!/bin/sh
# Mutant kill-default-kill: kill without a signal sends KILL instead of TERM.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = kill ] && [ -n "$ID" ] && [ -z "$ARG2" ] || pass
base kill "$ID" KILL
