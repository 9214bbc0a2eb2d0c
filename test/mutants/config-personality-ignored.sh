#!/bin/sh
# Mutant config-personality-ignored: create ignores linux.personality (as runc 1.1 does).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.personality'
