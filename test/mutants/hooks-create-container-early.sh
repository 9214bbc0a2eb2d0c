#!/bin/sh
# Mutant hooks-create-container-early: createContainer hooks run before the createRuntime hooks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'createRuntime', h.take(c, 'createContainer'), true)"
