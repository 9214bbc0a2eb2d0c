#!/bin/sh
# Mutant hooks-prestart-late: prestart hooks run after the createRuntime hooks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'createRuntime', h.take(c, 'prestart'))"
