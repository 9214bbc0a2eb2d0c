#!/bin/sh
# Mutant poststart-failure-kills: a failing poststart hook kills the container, yet start exits 0 and the later poststart hooks run.
# Breaks config.md poststart before 1.3.0: a failure is only a warning and the container keeps
# running. (It survived while hooks.poststart-failure accepted "the program ran once" as running.)
BASE=fixed-runc
MUTANTS_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
. "$MUTANTS_DIR/lib/common.sh"
case $SUBCMD in
create) create_keeping poststart ;;
start)
  { [ -n "$ID" ] && [ -f "$KEPT" ] && [ "$(status_of "$ID")" = created ]; } || pass
  base_sub || exit $?
  snapshot
  run_hooks "$T/hooks.json" poststart "$T/state" all || base kill "$ID" KILL >/dev/null 2>&1
  exit 0
  ;;
esac
pass
