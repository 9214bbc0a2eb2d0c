#!/bin/sh
# Mutant poststop-failure-fails-delete: a failing poststop hook makes delete exit 1 (after deleting, and after running the later hooks).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create) create_keeping poststop ;;
delete)
  [ -n "$ID" ] && [ -f "$KEPT" ] || pass
  snapshot stopped
  base_sub || exit $?
  run_hooks "$T/hooks.json" poststop "$T/state" all
  exit $?
  ;;
esac
pass
