#!/bin/sh
# Mutant config-oom-score-adj-ignored: create ignores process.oomScoreAdj.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.process.oomScoreAdj'
