#!/bin/sh
# Mutant create-failure-leaves-container: a create that fails leaves a created container behind under its ID.
. "$(dirname -- "$0")/lib/common.sh"
# The leftover is made of what the runtime could apply: no namespace paths.
create_leaving_leftover 'for (const n of c.linux?.namespaces ?? []) delete n.path;'
