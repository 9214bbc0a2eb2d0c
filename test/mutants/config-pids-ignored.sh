#!/bin/sh
# Mutant config-pids-ignored: create ignores linux.resources.pids (pids.max keeps its default, max).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.pids'
