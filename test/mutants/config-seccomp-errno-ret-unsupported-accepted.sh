#!/bin/sh
# Mutant config-seccomp-errno-ret-unsupported-accepted: create drops errnoRet and defaultErrnoRet given with a seccomp action that returns no errno instead of failing.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'const s = c.linux?.seccomp; const takes = (a) => a === "SCMP_ACT_ERRNO" || a === "SCMP_ACT_TRACE";
  if (s && !takes(s.defaultAction)) delete s.defaultErrnoRet;
  for (const x of s?.syscalls ?? []) if (!takes(x.action)) delete x.errnoRet'
