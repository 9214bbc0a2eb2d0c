#!/bin/sh
# Mutant dev-stdout-missing: the runtime removes /dev/stdout in the container (a startContainer hook of its own).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass "h.add(c, 'startContainer', [{ path: '/bin/rm', args: ['rm', '-f', '/dev/stdout'] }], true)"
