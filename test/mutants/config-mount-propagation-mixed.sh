#!/bin/sh
# Mutant config-mount-propagation-mixed: propagation types are mixed up, for the mounts under /oci-mounts and for rootfsPropagation: shared is applied as private, private and slave as shared, unbindable as private.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass '
  const to = { shared: "private", rshared: "rprivate", private: "shared", rprivate: "rshared", slave: "shared", rslave: "rshared", unbindable: "private", runbindable: "rprivate" };
  for (const m of c.mounts) if (m.destination.startsWith("/oci-mounts/")) m.options = (m.options ?? []).map((o) => to[o] ?? o);
  if (c.linux?.rootfsPropagation) c.linux.rootfsPropagation = to[c.linux.rootfsPropagation] ?? c.linux.rootfsPropagation;
'
