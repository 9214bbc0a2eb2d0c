#!/bin/sh
# Mutant config-domainname-ignored: create ignores domainname.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.domainname'
