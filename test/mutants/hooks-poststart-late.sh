#!/bin/sh
# Mutant hooks-poststart-late: poststart hooks run only at delete, before the poststop hooks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'poststop', h.take(c, 'poststart'), true)"
