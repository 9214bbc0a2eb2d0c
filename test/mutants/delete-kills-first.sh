#!/bin/sh
# Mutant delete-kills-first: delete of a created or running container fails, but kills it first.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = delete ] && [ -n "$ID" ] && [ -z "$FORCE" ]; then
  st=$(status_of "$ID")
  if [ "$st" = created ] || [ "$st" = running ]; then
    base kill "$ID" KILL >/dev/null 2>&1
    n=0
    while [ "$(status_of "$ID")" != stopped ] && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
    echo "cannot delete container $ID: it is $st" >&2
    exit 1
  fi
fi
pass
