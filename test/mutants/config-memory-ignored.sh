#!/bin/sh
# Mutant config-memory-ignored: create ignores linux.resources.memory.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.memory'
