#!/bin/sh
# Mutant poststart-as-start-container: poststart hooks run as startContainer hooks: in the container, before the program, and a failure is fatal.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'startContainer', h.take(c, 'poststart'))"
