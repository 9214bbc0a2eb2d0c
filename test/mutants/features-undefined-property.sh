#!/bin/sh
# Mutant features-undefined-property: the features document has a top-level property the spec does not define.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
filter_output features "c.maxContainers = 100"
