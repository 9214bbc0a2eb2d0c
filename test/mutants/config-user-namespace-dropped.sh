#!/bin/sh
# Mutant config-user-namespace-dropped: create gives the container no user namespace: the user entry, uidMappings and gidMappings are left out.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.linux.namespaces = c.linux.namespaces.filter((n) => n.type !== "user"); delete c.linux.uidMappings; delete c.linux.gidMappings'
