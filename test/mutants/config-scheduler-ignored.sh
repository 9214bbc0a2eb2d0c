#!/bin/sh
# Mutant config-scheduler-ignored: create ignores process.scheduler.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.process.scheduler'
