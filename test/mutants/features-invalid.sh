#!/bin/sh
# Mutant features-invalid: the features document is not valid: hooks is a string, not an array.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
filter_output features "c.hooks = 'prestart'"
