#!/bin/sh
# Mutant config-time-namespace-dropped: create leaves out the time namespace and linux.timeOffsets: the container runs with the runtime's clocks.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.linux.namespaces = c.linux.namespaces.filter((n) => n.type !== "time"); delete c.linux.timeOffsets'
