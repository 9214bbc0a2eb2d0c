#!/bin/sh
# Mutant hooks-runtime-ns-wrong: prestart, createRuntime, poststart and poststop hooks run in the container's uts and net namespaces (in new ones once the container is gone).
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = create ] || pass
NSENTER=$(command -v nsenter) && UNSHARE=$(command -v unshare) || { echo "$0: needs nsenter and unshare" >&2; exit 1; }
MUTANT_WRAP='s=$(cat); pid=$(printf %s "$s" | sed -n "s/.*\"pid\": *\([0-9][0-9]*\).*/\1/p")
if [ -n "$pid" ] && [ "$pid" -gt 0 ] && [ -e "/proc/$pid/ns/uts" ]; then printf %s "$s" | exec '"$NSENTER"' -t "$pid" -u -n -- "$0" "$@"
else printf %s "$s" | exec '"$UNSHARE"' -u -n -- "$0" "$@"; fi'
export MUTANT_WRAP
edit_then_pass "for (const [k, x, i] of h.all(c)) if (['prestart', 'createRuntime', 'poststart', 'poststop'].includes(k)) c.hooks[k][i] = h.wrap(x, process.env.MUTANT_WRAP)"
