#!/bin/sh
# Mutant create-duplicate-kills: create with an ID in use fails, but kills the container that has the ID first.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -d "$CDIR" ]; then base kill "$ID" KILL >/dev/null 2>&1; fi
pass
