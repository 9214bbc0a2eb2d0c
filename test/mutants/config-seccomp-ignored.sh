#!/bin/sh
# Mutant config-seccomp-ignored: create ignores linux.seccomp: no filter is installed.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.seccomp'
