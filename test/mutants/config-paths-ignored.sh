#!/bin/sh
# Mutant config-paths-ignored: create ignores linux.maskedPaths and linux.readonlyPaths.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.maskedPaths; delete c.linux.readonlyPaths'
