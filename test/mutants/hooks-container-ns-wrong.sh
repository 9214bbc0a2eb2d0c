#!/bin/sh
# Mutant hooks-container-ns-wrong: createContainer hooks run with the createRuntime hooks, startContainer hooks with the poststart hooks: in the runtime namespaces, not the container.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'createRuntime', h.take(c, 'createContainer')); h.add(c, 'poststart', h.take(c, 'startContainer'), true)"
