#!/bin/sh
# Mutant config-device-attributes-ignored: create makes the linux.devices nodes but ignores their fileMode, uid and gid.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const d of c.linux.devices ?? []) { delete d.fileMode; delete d.uid; delete d.gid; }'
