#!/bin/sh
# Mutant config-cpu-burst-idle-ignored: create ignores linux.resources.cpu burst and idle.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'if (c.linux?.resources?.cpu) { delete c.linux.resources.cpu.burst; delete c.linux.resources.cpu.idle; }'
