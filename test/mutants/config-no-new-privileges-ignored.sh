#!/bin/sh
# Mutant config-no-new-privileges-ignored: create ignores process.noNewPrivileges.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.process.noNewPrivileges = false'
