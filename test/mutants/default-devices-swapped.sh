#!/bin/sh
# Mutant default-devices-swapped: the runtime puts the wrong nodes at the default device paths (a startContainer hook of its own swaps them).
. "$(dirname -- "$0")/lib/common.sh"
# null and full trade places; zero is urandom; urandom and random are tty; tty is random; ptmx
# points at /dev/null. Renames and hard links only: the hook has no CAP_MKNOD.
edit_then_pass "h.add(c, 'startContainer', [{ path: '/bin/sh', args: ['sh', '-c', 'cd /dev && mv null .n && mv full null && mv .n full && mv zero .z && mv urandom zero && mv random .r && ln tty urandom && mv tty random && mv .r tty && rm -f .z && rm -f ptmx && ln -s null ptmx'] }], true)"
