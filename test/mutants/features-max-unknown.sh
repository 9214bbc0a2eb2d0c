#!/bin/sh
# Mutant features-max-unknown: features ociVersionMax names a version that does not exist (9.0.0).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
filter_output features "c.ociVersionMax = '9.0.0'"
