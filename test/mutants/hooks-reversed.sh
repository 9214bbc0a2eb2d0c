#!/bin/sh
# Mutant hooks-reversed: the hooks of each kind run in reverse order.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const k of Object.keys(c.hooks ?? {})) c.hooks[k].reverse()'
