#!/bin/sh
# Mutant create-starts-program: create also starts the program (and a later start of that container exits 0).
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in
create)
  base_sub || exit $?
  [ -n "$ID" ] || exit 0
  pid=$(pid_of "$ID")
  base start "$ID" || exit $?
  : > "$CDIR/mutant-started"
  # Return once the program is under way, as if create waited for it: when init has exec'd the
  # program and that has started a child (the suite's programs run sleep in a loop) or ended.
  n=0
  while alive "$pid" && [ $n -lt 500 ]; do
    case $(readlink "/proc/$pid/exe" 2>/dev/null) in *runc*) ;; *) [ -n "$(cat "/proc/$pid/task/$pid/children" 2>/dev/null)" ] && break ;; esac
    sleep 0.01
    n=$((n + 1))
  done
  exit 0
  ;;
start)
  if [ -n "$ID" ] && [ -e "$CDIR/mutant-started" ]; then rm -f "$CDIR/mutant-started"; exit 0; fi
  ;;
esac
pass
