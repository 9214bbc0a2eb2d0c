#!/bin/sh
# Mutant dev-not-set-up: the /dev tmpfs is replaced by a bind-mounted host directory holding only null: no /dev/fd or /dev/std* symlinks.
. "$(dirname -- "$0")/lib/common.sh"
{ [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -f "$CONFIG" ]; } || pass
dev="$BUNDLE/.mutant-dev-$ID"
mkdir -p "$dev"
# runc itself needs /dev/null in the container; nothing else is there.
[ -e "$dev/null" ] || mknod -m 666 "$dev/null" c 1 3 || exit 1
edit_then_pass "for (const m of c.mounts ?? []) if (m.destination === '/dev') Object.assign(m, { type: 'bind', source: '$dev', options: ['rbind', 'rw'] })"
