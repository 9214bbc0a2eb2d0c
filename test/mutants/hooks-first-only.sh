#!/bin/sh
# Mutant hooks-first-only: only the first hook of each kind runs.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const k of Object.keys(c.hooks ?? {})) c.hooks[k] = c.hooks[k].slice(0, 1)'
