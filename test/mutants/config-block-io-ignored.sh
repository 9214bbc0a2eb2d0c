#!/bin/sh
# Mutant config-block-io-ignored: create ignores linux.resources.blockIO (weight and throttle rates).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.blockIO'
