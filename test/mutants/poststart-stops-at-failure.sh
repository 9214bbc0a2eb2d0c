#!/bin/sh
# Mutant poststart-stops-at-failure: after a failing poststart hook, the later poststart hooks do not run (start still exits 0).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create) create_keeping poststart ;;
start)
  { [ -n "$ID" ] && [ -f "$KEPT" ] && [ "$(status_of "$ID")" = created ]; } || pass
  base_sub || exit $?
  snapshot
  run_hooks "$T/hooks.json" poststart "$T/state" stop-ok
  exit 0
  ;;
esac
pass
