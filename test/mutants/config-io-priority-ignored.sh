#!/bin/sh
# Mutant config-io-priority-ignored: create ignores process.ioPriority.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.process.ioPriority'
