#!/bin/sh
# Mutant hooks-poststart-during-create: poststart hooks run during create, after the createRuntime hooks (runc#1710, on a runtime that otherwise has it fixed).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'createRuntime', h.take(c, 'poststart'))"
