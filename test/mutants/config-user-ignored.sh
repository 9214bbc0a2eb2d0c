#!/bin/sh
# Mutant config-user-ignored: create runs the process as root without additional groups, whatever process.user says.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.process.user = { uid: 0, gid: 0, ...(c.process.user.umask !== undefined ? { umask: c.process.user.umask } : {}) }'
