#!/bin/sh
# Mutant hooks-no-stdin: hooks get /dev/null on stdin instead of the state.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "for (const [k, x, i] of h.all(c)) c.hooks[k][i] = h.wrap(x, 'exec \"\$0\" \"\$@\" </dev/null')"
