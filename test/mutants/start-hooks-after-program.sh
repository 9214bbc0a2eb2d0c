#!/bin/sh
# Mutant start-hooks-after-program: startContainer hooks run after the program has started (runc exec into the container); a failure then fails start and kills the container.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create) create_keeping startContainer ;;
start)
  { [ -n "$ID" ] && [ -f "$KEPT" ] && [ "$(status_of "$ID")" = created ]; } || pass
  snapshot
  base_sub || exit $?
  if ! run_hooks "$T/hooks.json" startContainer "$T/state" stop --exec-in "$REAL_RUNC" "$ROOT" "$ID"; then
    base kill "$ID" KILL >/dev/null 2>&1
    exit 1
  fi
  exit 0
  ;;
esac
pass
