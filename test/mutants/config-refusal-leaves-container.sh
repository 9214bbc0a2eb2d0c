#!/bin/sh
# Mutant config-refusal-leaves-container: a create refused for a config value leaves a container made of the rest of the config behind under its ID.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
# The leftover leaves out what the runtime could not apply: namespace paths, repeated namespace
# types, the time namespace, rlimit types and capabilities the kernel lacks, errno values on
# seccomp actions that return none.
create_leaving_leftover 'delete c.linux.timeOffsets;
  c.linux.namespaces = (c.linux.namespaces ?? []).filter((n, i, all) => n.type !== "time" && all.findIndex((m) => m.type === n.type) === i).map((n) => ({ type: n.type }));
  if (c.process?.rlimits) c.process.rlimits = c.process.rlimits.filter((r) => h.rlimits.includes(r.type));
  for (const [set, list] of Object.entries(c.process?.capabilities ?? {})) c.process.capabilities[set] = list.filter((x) => h.capabilities.includes(x));
  const s = c.linux.seccomp;
  if (s) { delete s.defaultErrnoRet; for (const x of s.syscalls ?? []) delete x.errnoRet; }'
