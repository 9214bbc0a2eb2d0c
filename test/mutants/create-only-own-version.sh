#!/bin/sh
# Mutant create-only-own-version: create refuses a config whose ociVersion is not 1.0.2*, although features declares 1.0.0 to 1.1.0.
BASE=fixed-runc
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = create ] && [ -f "$CONFIG" ]; then
  v=$(json_get "$CONFIG" 'c.ociVersion')
  case $v in 1.0.2*) ;; *) echo "unsupported ociVersion $v" >&2; exit 1 ;; esac
fi
pass
