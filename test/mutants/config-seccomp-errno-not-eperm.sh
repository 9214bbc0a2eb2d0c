#!/bin/sh
# Mutant config-seccomp-errno-not-eperm: SCMP_ACT_ERRNO entries without errnoRet return EACCES instead of EPERM.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'for (const s of c.linux?.seccomp?.syscalls ?? []) if (s.action === "SCMP_ACT_ERRNO" && s.errnoRet === undefined) s.errnoRet = 13'
