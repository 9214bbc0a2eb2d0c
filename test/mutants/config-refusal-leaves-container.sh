#!/bin/sh
# Mutant config-refusal-leaves-container: a create refused for a config value leaves a container made of the rest of the config behind under its ID.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
{ [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
base_sub && exit 0
rc=$?
# What a runtime that does not clean up after itself leaves: a container of what it could apply
# (namespace paths, repeated namespace types, the time namespace, rlimit types and capabilities
# the kernel lacks, errno values on seccomp actions that return none all left out).
left="$BUNDLE/.mutant-leftover-$ID"
mkdir -p "$left" && cp "$CONFIG" "$left/config.json"
json_edit "$left/config.json" "delete c.hooks; delete c.linux.timeOffsets;
  c.linux.namespaces = (c.linux.namespaces ?? []).filter((n, i, all) => n.type !== 'time' && all.findIndex((m) => m.type === n.type) === i).map((n) => ({ type: n.type }));
  if (c.process?.rlimits) c.process.rlimits = c.process.rlimits.filter((r) => h.rlimits.includes(r.type));
  for (const [set, list] of Object.entries(c.process?.capabilities ?? {})) c.process.capabilities[set] = list.filter((x) => h.capabilities.includes(x));
  const s = c.linux.seccomp;
  if (s) { delete s.defaultErrnoRet; for (const x of s.syscalls ?? []) delete x.errnoRet; }
  if (!c.root.path.startsWith('/')) c.root.path = '$BUNDLE/' + c.root.path;"
base create --bundle "$left" "$ID" </dev/null >/dev/null 2>&1
exit $rc
