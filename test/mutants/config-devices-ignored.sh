#!/bin/sh
# Mutant config-devices-ignored: create ignores linux.devices.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.devices'
