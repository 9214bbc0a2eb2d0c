#!/bin/sh
# Mutant config-rlimits-ignored: create ignores process.rlimits.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.process.rlimits'
