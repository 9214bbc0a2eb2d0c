#!/bin/sh
# Mutant hooks-create-runtime-late: createRuntime hooks run after start, with the poststart hooks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'poststart', h.take(c, 'createRuntime'), true)"
