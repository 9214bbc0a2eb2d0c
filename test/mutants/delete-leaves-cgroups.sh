#!/bin/sh
# Mutant delete-leaves-cgroups: delete leaves the container cgroups behind (re-made after runc removed them).
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = delete ] && [ -n "$ID" ] || pass
paths=$(json_get "$CDIR/state.json" "Object.values(c.cgroup_paths ?? {}).join(' ')" 2>/dev/null)
base_sub
rc=$?
if [ $rc = 0 ]; then
  for p in $paths; do
    [ -e "$p" ] || mkdir "$p" 2>/dev/null
  done
fi
exit $rc
