#!/bin/sh
# Mutant state-no-annotations: state drops the annotations given in config.json.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state '/^  "annotations": {/,/^  },\{0,1\}$/d'
