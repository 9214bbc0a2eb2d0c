#!/bin/sh
# Mutant poststop-dropped: poststop hooks never run.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.take(c, 'poststop')"
