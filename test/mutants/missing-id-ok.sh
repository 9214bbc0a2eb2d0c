#!/bin/sh
# Mutant missing-id-ok: state, create, start, kill and delete without a container ID exit 0 and do nothing.
. "$(dirname -- "$0")/lib/common.sh"
case $SUBCMD in state | create | start | kill | delete) [ -n "$ID" ] || exit 0 ;; esac
pass
