#!/bin/sh
# Mutant hooks-last-arg-dropped: hooks run without the last of their args.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const [, x] of h.all(c)) if (x.args?.length > 1) x.args = x.args.slice(0, -1)'
