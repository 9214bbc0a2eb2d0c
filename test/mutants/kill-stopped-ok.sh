#!/bin/sh
# Mutant kill-stopped-ok: kill of a stopped container exits 0.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = kill ] && [ -n "$ID" ] && [ "$(status_of "$ID")" = stopped ] && exit 0
pass
