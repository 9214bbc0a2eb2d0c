#!/bin/sh
# Mutant config-pids-negative-limited: create reads pids.limit -1 as a default limit of 4096 tasks.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'if (c.linux?.resources?.pids?.limit < 0) c.linux.resources.pids.limit = 4096'
