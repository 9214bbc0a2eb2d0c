#!/bin/sh
# Mutant config-rlimits-unknown-dropped: create drops rlimits entries of a type it does not know instead of failing.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'if (c.process?.rlimits) c.process.rlimits = c.process.rlimits.filter((r) => h.rlimits.includes(r.type))'
