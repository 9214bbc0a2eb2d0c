#!/bin/sh
# Mutant config-hugepage-limits-ignored: create ignores linux.resources.hugepageLimits, also where the host has no hugetlb controller.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.hugepageLimits'
