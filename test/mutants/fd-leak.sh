#!/bin/sh
# Mutant fd-leak: the container process inherits an extra open file descriptor (fd 3, passed with --preserve-fds 1).
. "$(dirname -- "$0")/lib/common.sh"
[ "$SUBCMD" = create ] || pass
exec 3</dev/null
base_sub --preserve-fds 1
