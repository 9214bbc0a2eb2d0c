#!/bin/sh
# Mutant hooks-timeout-ignored: hook timeouts are ignored: a hanging hook hangs the operation.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const [, x] of h.all(c)) delete x.timeout'
