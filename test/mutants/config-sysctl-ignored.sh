#!/bin/sh
# Mutant config-sysctl-ignored: create ignores linux.sysctl.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.sysctl'
