#!/bin/sh
# Mutant poststop-stops-at-failure: after a failing poststop hook, the later poststop hooks do not run (as in runc 1.1).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create) create_keeping poststop ;;
delete)
  [ -n "$ID" ] && [ -f "$KEPT" ] || pass
  snapshot stopped
  base_sub || exit $?
  run_hooks "$T/hooks.json" poststop "$T/state" stop-ok
  exit 0
  ;;
esac
pass
