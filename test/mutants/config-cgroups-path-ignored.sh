#!/bin/sh
# Mutant config-cgroups-path-ignored: create ignores linux.cgroupsPath (the container gets the default cgroup).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'delete c.linux.cgroupsPath'
