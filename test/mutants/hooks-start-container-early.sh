#!/bin/sh
# Mutant hooks-start-container-early: startContainer hooks run during create, with the createContainer hooks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'createContainer', h.take(c, 'startContainer'))"
