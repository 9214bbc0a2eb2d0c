#!/bin/sh
# Mutant config-umask-ignored: create ignores process.user.umask.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.process.user.umask'
