#!/bin/sh
# oci-runtime-conformance in-container probe, format 2.
# Run by the rootfs's busybox sh as the container process; it only reads what the container can
# see and writes one block of sections to the results directory. All parsing and comparison
# happens on the host (validation/probe/parse.ts). It must survive tight configs: no
# capabilities, a read-only root, a non-root user, small rlimits; a failing read leaves an
# empty section, never aborts the probe.
# The host's questions come in $R/probe.in, one per line, fields separated by a tab:
#   path<TAB>P          exists, kind, readable content size and writability of P
#   ask<TAB>NAME<TAB>SH  run the one-line shell command SH; its output (stdout and stderr, each
#                        line prefixed "|") and exit status are reported under NAME
R=/oci-conformance
out=$R/probe.tmp
self=/proc/$$
tab=$(printf '\t')
{
  echo "@probe 2"
  echo "@args"; tr '\0' '\n' < $self/cmdline
  echo "@environ"; tr '\0' '\n' < $self/environ
  echo "@cwd"; pwd
  echo "@umask"; umask
  # The shell's own view of its limits: portable where /proc/<pid>/limits is not (gVisor).
  echo "@ulimit"; echo "nofile $(ulimit -Sn) $(ulimit -Hn)"; echo "nproc $(ulimit -Su) $(ulimit -Hu)"
  for f in status limits oom_score_adj uid_map gid_map mountinfo cgroup; do
    echo "@file $f"; cat $self/$f 2>/dev/null
  done
  echo "@hostname"; cat /proc/sys/kernel/hostname 2>/dev/null
  echo "@ns"; for n in cgroup ipc mnt net pid time user uts; do echo "$n $(readlink $self/ns/$n 2>/dev/null)"; done
  echo "@root-writable"; if (: > /.oci-probe-write) 2>/dev/null; then rm -f /.oci-probe-write; echo yes; else echo no; fi
  echo "@paths"
  while IFS= read -r q; do
    [ "${q%%"$tab"*}" = path ] || continue
    p=${q#*"$tab"}
    if [ -e "$p" ]; then e=yes; else e=no; fi
    if [ -d "$p" ]; then k=dir; n=$(ls -A "$p" 2>/dev/null | wc -l); w=no; (: > "$p/.oci-probe-write") 2>/dev/null && { rm -f "$p/.oci-probe-write"; w=yes; }
    else k=file; n=$(head -c 64 "$p" 2>/dev/null | wc -c); w=no; (: >> "$p") 2>/dev/null && w=yes; fi
    echo "$p exists=$e kind=$k content=$n writable=$w"
  done < $R/probe.in
  while IFS= read -r q; do
    [ "${q%%"$tab"*}" = ask ] || continue
    q=${q#*"$tab"}
    echo "@ask ${q%%"$tab"*}"
    a=$( (eval "${q#*"$tab"}") 2>&1 < /dev/null ); rc=$?
    [ -n "$a" ] && printf '%s\n' "$a" | sed 's/^/|/'
    echo "exit $rc"
  done < $R/probe.in
  echo "@end"
} > $out 2>/dev/null
mv $out $R/probe.out
