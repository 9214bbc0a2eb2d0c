#!/bin/sh
# Mutant state-garbage: state prints a warning line on stdout before the JSON document.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = state ] && [ -n "$ID" ] || pass
out=$(base_sub) || exit $?
printf 'warning: the state command is experimental\n%s\n' "$out"
