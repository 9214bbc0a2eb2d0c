#!/bin/sh
# Mutant config-namespaces-dropped: create keeps only the mount namespace: pid, ipc, uts and network are the runtime's.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.linux.namespaces = c.linux.namespaces.filter((n) => n.type === "mount"); delete c.hostname'
