#!/bin/sh
# Mutant config-root-path-elsewhere: create runs the container in a copy of root.path whose /etc/passwd has one more line.
. "$(dirname -- "$0")/lib/common.sh"
if [ "$SUBCMD" = create ] && [ -f "$CONFIG" ]; then
  root=$(json_get "$CONFIG" 'c.root.path') || exit 1
  case $root in /*) ;; *) root="$BUNDLE/$root" ;; esac
  copy="$BUNDLE/.mutant-rootfs"
  mkdir -p "$copy" && cp -a "$root/." "$copy/" && echo 'mutant:x:7:7::/:/bin/false' >> "$copy/etc/passwd" || exit 1
  json_edit "$CONFIG" "c.root.path = '$copy'" || exit 1
fi
pass
