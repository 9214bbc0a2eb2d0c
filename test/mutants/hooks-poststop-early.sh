#!/bin/sh
# Mutant hooks-poststop-early: poststop hooks run at start, after the poststart hooks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'poststart', h.take(c, 'poststop'))"
