#!/bin/sh
# Mutant state-bundle-config-path: state reports the path of config.json as the bundle, not the bundle directory.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state 's|^\(  "bundle": ".*\)",$|\1/config.json",|'
