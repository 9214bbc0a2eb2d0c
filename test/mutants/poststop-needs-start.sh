#!/bin/sh
# Mutant poststop-needs-start: poststop hooks run only for a container that was started: not when create or start fails.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create) create_keeping poststop ;;
start)
  [ -n "$ID" ] && [ -f "$KEPT" ] || pass
  base_sub || exit $?
  : > "$CDIR/mutant-started"
  exit 0
  ;;
delete)
  [ -n "$ID" ] && [ -f "$KEPT" ] || pass
  started=''
  [ -e "$CDIR/mutant-started" ] && started=1
  snapshot stopped
  base_sub || exit $?
  [ -n "$started" ] && run_hooks "$T/hooks.json" poststop "$T/state" warn
  exit 0
  ;;
esac
pass
