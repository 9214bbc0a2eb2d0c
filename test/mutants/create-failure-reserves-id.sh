#!/bin/sh
# Mutant create-failure-reserves-id: after a create fails, its ID cannot be used again (a leftover lock).
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = create ] && [ -n "$ID" ] || pass
lock="$ROOT/.mutant-failed-$ID"
if [ -e "$lock" ]; then echo "container $ID is still being cleaned up" >&2; exit 1; fi
base_sub && exit 0
rc=$?
[ -e "$CDIR" ] || : > "$lock"
exit $rc
