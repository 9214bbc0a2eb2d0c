#!/bin/sh
# Mutant state-stopped-as-exited: state reports a stopped container as "exited", a status the spec does not define.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state 's/^  "status": "stopped",$/  "status": "exited",/'
