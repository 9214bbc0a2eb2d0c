#!/bin/sh
# Mutant state-pid-zero: state reports pid 0 whatever the status.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state 's/^  "pid": [0-9]*,$/  "pid": 0,/'
