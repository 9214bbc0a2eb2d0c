#!/bin/sh
# Mutant hooks-env-dropped: hooks run without their configured env (they inherit the runtime's).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const [, x] of h.all(c)) delete x.env'
