#!/bin/sh
# Mutant features-min-above-max: features ociVersionMin (1.2.0) is above ociVersionMax (1.1.0).
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
filter_output features "c.ociVersionMin = '1.2.0'"
