#!/bin/sh
# Mutant config-mount-atime-mixed: the atime options of the mounts under /oci-mounts are mixed up: strictatime is applied as noatime, noatime as relatime, relatime as strictatime.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'const to = { strictatime: "noatime", noatime: "relatime", relatime: "strictatime" }; for (const m of c.mounts) if (m.destination.startsWith("/oci-mounts/")) m.options = (m.options ?? []).map((o) => to[o] ?? o)'
