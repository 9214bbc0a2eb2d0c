#!/bin/sh
# Mutant config-default-filesystems-missing: the container gets no sysfs, devpts or /dev/shm mounts, and no /proc once its program runs.
. "$(dirname -- "$0")/lib/common.sh"
# runc's init needs /proc until it executes the program, so /proc is mounted and then unmounted
# by a shell put in front of the program (given CAP_SYS_ADMIN for that).
edit_then_pass '
  c.mounts = c.mounts.filter((m) => !["/sys", "/dev/pts", "/dev/shm"].includes(m.destination));
  for (const set of ["bounding", "effective", "permitted"]) c.process.capabilities[set] = [...(c.process.capabilities[set] ?? []), "CAP_SYS_ADMIN"];
  c.process.args = ["/bin/sh", "-c", "umount -l /proc && exec \"$@\"", "sh", ...c.process.args];
'
