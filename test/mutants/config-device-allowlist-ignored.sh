#!/bin/sh
# Mutant config-device-allowlist-ignored: create ignores linux.resources.devices (runc then allows its own default list only).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'if (c.linux.resources) delete c.linux.resources.devices'
