#!/bin/sh
# Mutant state-no-oci-version: the state document has no ociVersion.
. "$(dirname -- "$0")/lib/common.sh"
sed_output state '/^  "ociVersion": /d'
