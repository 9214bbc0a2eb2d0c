#!/bin/sh
# Mutant config-network-ignored: create ignores linux.resources.network, also where the host has no net_cls or net_prio controller.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.resources?.network'
