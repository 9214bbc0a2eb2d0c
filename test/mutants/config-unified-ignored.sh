#!/bin/sh
# Mutant config-unified-ignored: create ignores linux.resources.unified, also on a host without cgroup v2 controllers.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.unified'
