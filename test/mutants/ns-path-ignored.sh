#!/bin/sh
# Mutant ns-path-ignored: create ignores namespace paths: the container gets new namespaces instead of joining (or failing on) the given ones.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const n of c.linux?.namespaces ?? []) delete n.path'
