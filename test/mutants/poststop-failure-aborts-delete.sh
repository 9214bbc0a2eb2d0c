#!/bin/sh
# Mutant poststop-failure-aborts-delete: poststop hooks run before the container is deleted, and a failing one aborts the delete (the container stays).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create) create_keeping poststop ;;
delete)
  [ -n "$ID" ] && [ -f "$KEPT" ] || pass
  if [ -z "$FORCE" ] && [ "$(status_of "$ID")" = stopped ]; then
    snapshot stopped
    run_hooks "$T/hooks.json" poststop "$T/state" stop || { echo "poststop hook failed; container $ID not deleted" >&2; exit 1; }
    base_sub
    exit $?
  fi
  # --force (the suite's cleanup) still removes it.
  snapshot stopped
  base_sub || exit $?
  run_hooks "$T/hooks.json" poststop "$T/state" warn
  exit 0
  ;;
esac
pass
