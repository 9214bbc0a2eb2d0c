#!/bin/sh
# Mutant state-status-swapped: state says "running" for a created container and "created" for a running one.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state 's/"status": "created"/"status": "@running"/; s/"status": "running"/"status": "created"/; s/"status": "@running"/"status": "running"/'
