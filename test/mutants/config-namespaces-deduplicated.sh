#!/bin/sh
# Mutant config-namespaces-deduplicated: create keeps the first namespaces entry of each type and drops repeats instead of failing.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.linux.namespaces = c.linux.namespaces.filter((n, i, all) => all.findIndex((m) => m.type === n.type) === i)'
