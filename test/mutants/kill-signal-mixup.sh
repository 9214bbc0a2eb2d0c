#!/bin/sh
# Mutant kill-signal-mixup: kill sends the wrong signal: USR1<->USR2, HUP<->INT, TERM as HUP, KILL as TERM.
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = kill ] && [ -n "$ID" ] && [ -n "$ARG2" ] || pass
case ${ARG2#SIG} in
  USR1) s=USR2 ;; USR2) s=USR1 ;; HUP) s=INT ;; INT) s=HUP ;; TERM) s=HUP ;; KILL) s=TERM ;; *) s=$ARG2 ;;
esac
base kill "$ID" "$s"
