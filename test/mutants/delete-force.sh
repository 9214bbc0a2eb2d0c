#!/bin/sh
# Mutant delete-force: delete always forces: a created or running container is killed and deleted.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = delete ] && [ -n "$ID" ] && [ -z "$FORCE" ] || pass
base delete --force "$ID"
