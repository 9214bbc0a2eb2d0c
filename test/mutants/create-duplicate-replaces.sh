#!/bin/sh
# Mutant create-duplicate-replaces: create with an ID in use deletes the old container and creates the new one.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -d "$CDIR" ]; then base delete --force "$ID" >/dev/null 2>&1; fi
pass
