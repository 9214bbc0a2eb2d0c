#!/bin/sh
# Mutant config-namespaces-added: create gives the container new network and ipc namespaces although the config lists neither.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.linux.namespaces.push({ type: "network" }, { type: "ipc" })'
