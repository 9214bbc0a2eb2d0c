#!/bin/sh
# Mutant config-cpu-ignored: create ignores linux.resources.cpu (shares, quota, period, cpus, mems).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.cpu'
