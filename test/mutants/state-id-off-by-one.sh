#!/bin/sh
# Mutant state-id-off-by-one: state reports the container ID without its last character.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state 's/^\(  "id": ".*\)\(.\)",$/\1",/'
