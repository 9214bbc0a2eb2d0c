#!/bin/sh
# Mutant config-seccomp-over-filtered: every seccomp entry whose action is not SCMP_ACT_ALLOW also matches symlink and symlinkat.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const s of c.linux?.seccomp?.syscalls ?? []) if (s.action !== "SCMP_ACT_ALLOW") s.names.push("symlink", "symlinkat")'
