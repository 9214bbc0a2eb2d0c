#!/bin/sh
# Mutant config-hostname-root-ignored: create ignores hostname and root.readonly.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.hostname; c.root.readonly = false'
