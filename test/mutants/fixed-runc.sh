#!/bin/sh
# fixed-runc: runc with the deviations this suite reports repaired, as far as a wrapper can.
#  - delete without --force refuses a container that is not stopped (runc deletes a created one)
#  - poststart hooks run during start, after the program has started, instead of during create
#    (runc#1710); a failing one is a warning (from 1.3.0 an error that stops the container)
#  - a failing startContainer hook fails start (runc's start has returned 0 by then): a last
#    startContainer hook of ours leaves a mark through a bind mount, and start waits for the mark
#    or for the container's init to die without leaving it
#  - a failing poststop hook does not stop the later ones
#  - for a config older than 1.0.2, prestart hooks run during start (before the program), as
#    those versions require, not during create; a failing one fails start and destroys the container
#  - features reports ociVersionMax 1.1.0 (runc 1.1 meets what this suite checks of 1.1.0)
#  - for a config older than 1.1.0, create refuses a capability name the kernel does not have
#    (runc 1.1 drops it with a warning, the 1.1.0 rule, whatever the config's version)
#  - create refuses errnoRet or defaultErrnoRet on a seccomp action that returns no errno
#    (runc 1.1 ignores the value)
#  - fields runc 1.1 ignores (runc 1.2 applies them): linux.personality, process.scheduler and
#    process.ioPriority are inherited from runc create by the container process, so create runs
#    under them (setarch, chrt, nice, ionice); domainname is written into the container's uts
#    namespace after create, before the program starts
#  - linux.rootfsPropagation shared and unbindable (runc 1.1 leaves / private for shared and fails
#    create for unbindable, runc#1755): the value is taken out of config.json and applied to the
#    container's / after create, from the host, in the container's mount namespace
#  - for a 1.3.0 config, pids.limit 0 is a limit of zero tasks (runc 1.1 reads 0 as "not set",
#    runc#4014): after create the wrapper writes 0 to the container's pids.max
#  - from 1.1.0, cpu burst and idle are applied (runc 1.1's cgroup v1 driver ignores both): after
#    create the wrapper writes cpu.cfs_burst_us and cpu.idle of the container's cpu cgroup
# The wrapper runs those hooks itself: at create it takes them out of config.json (in place: the
# bundle is the caller's, but a bundle is configured for one create) and keeps them in
# $ROOT/$ID/fixed-runc/, one file per kind, which runc removes with the container.
BASE=runc
. "$(dirname -- "$0")/lib/common.sh"

SIDE="$CDIR/fixed-runc"
# capabilities(7) up to CAP_CHECKPOINT_RESTORE (Linux 5.9).
KNOWN_CAPS='CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID
CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN
CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE
CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG
CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN
CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
KNOWN_CAPS=$(echo $KNOWN_CAPS)

# Make the created container's / $ROOTPROP (shared or unbindable) with the rootfs's busybox.
apply_root_propagation() {
  _pid=$(pid_of "$ID")
  [ -n "$_pid" ] && nsenter -t "$_pid" -m -- /bin/busybox mount --make-"$ROOTPROP" / && return 0
  echo "fixed-runc: could not make the container's / $ROOTPROP" >&2
  return 1
}

# cg_file CONTROLLER FILE: the path of FILE in the container's cgroup of CONTROLLER (v1), or in
# its unified cgroup (v2). Its init is in the cgroup from create on.
cg_file() {
  _pid=$(pid_of "$ID")
  _p=$(sed -n "s/^[0-9]*:\\([^:]*,\\)\\{0,1\\}$1\\(,[^:]*\\)\\{0,1\\}:\\(.*\\)\$/\\3/p" "/proc/$_pid/cgroup")
  if [ -n "$_p" ]; then
    for _d in /sys/fs/cgroup/$1 /sys/fs/cgroup/*,$1 /sys/fs/cgroup/$1,*; do [ -d "$_d$_p" ] && { echo "$_d$_p/$2"; return; }; done
  fi
  echo "/sys/fs/cgroup$(sed -n 's/^0:://p' "/proc/$_pid/cgroup")/$2"
}

# The cgroup repairs of a created container ($cg_fix: what json_get found to do).
fix_cgroups() {
  case $cg_fix in *pids0*) echo 0 > "$(cg_file pids pids.max)" ;; esac
  case $cg_fix in *burst=*)
    _b=${cg_fix#*burst=}; _b=${_b%%;*}
    if [ -e "$(cg_file cpu cpu.cfs_burst_us)" ]; then echo "$_b" > "$(cg_file cpu cpu.cfs_burst_us)"; else echo "$_b" > "$(cg_file cpu cpu.max.burst)"; fi ;;
  esac
  case $cg_fix in *idle=*)
    _i=${cg_fix#*idle=}; _i=${_i%%;*}
    echo "$_i" > "$(cg_file cpu cpu.idle)" ;;
  esac
  return 0
}

# kept DIR KIND: hooks of KIND were kept at create (DIR holds a copy of $SIDE).
kept() { [ -s "$1/$2.json" ]; }

# set_domainname NAME: write NAME into the uts namespace of the created container's init; on
# failure the container is destroyed and create fails, as a runtime that cannot apply it must.
set_domainname() {
  _pid=$(pid_of "$ID")
  if [ -n "$_pid" ] && nsenter -t "$_pid" -u sh -c 'printf %s "$1" > /proc/sys/kernel/domainname' sh "$1"; then return 0; fi
  echo "fixed-runc: cannot set domainname $1 in the container" >&2
  base delete --force "$ID" >/dev/null 2>&1
  return 1
}

case $SUBCMD in
create)
  { [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
  if grep -q '"ociVersion": *"1\.0\.' "$CONFIG"; then
    for cap in $(grep -o '"CAP_[A-Z0-9_]*"' "$CONFIG" | tr -d '"' | sort -u); do
      case " $KNOWN_CAPS " in
        *" $cap "*) ;;
        *) echo "fixed-runc: unknown capability $cap (an error before runtime-spec 1.1.0)" >&2; exit 1 ;;
      esac
    done
  fi
  if grep -q 'rrnoRet"' "$CONFIG"; then
    bad=$(json_get "$CONFIG" "(() => { const s = c.linux?.seccomp ?? {}; const takes = (a) => a === 'SCMP_ACT_ERRNO' || a === 'SCMP_ACT_TRACE';
      if (s.defaultErrnoRet !== undefined && !takes(s.defaultAction)) return 'defaultErrnoRet with ' + s.defaultAction;
      const r = (s.syscalls ?? []).find((x) => x.errnoRet !== undefined && !takes(x.action));
      return r ? 'errnoRet with ' + r.action : ''; })()") || exit 1
    if [ -n "$bad" ]; then echo "fixed-runc: seccomp $bad, an action that returns no errno" >&2; exit 1; fi
  fi
  # Personality, scheduling and I/O priority: run this very create again under them, once.
  if [ -z "${FIXED_RUNC_INHERITED:-}" ] && grep -q '"personality"\|"scheduler"\|"ioPriority"' "$CONFIG"; then
    prefix=$(json_get "$CONFIG" "(() => {
      const w = [];
      if (c.linux?.personality?.domain === 'LINUX32') w.push('setarch linux32');
      const s = c.process?.scheduler;
      if (s) {
        const flag = { SCHED_OTHER: '--other', SCHED_BATCH: '--batch', SCHED_IDLE: '--idle', SCHED_FIFO: '--fifo', SCHED_RR: '--rr' }[s.policy];
        if (flag) w.push('chrt ' + flag + ' ' + Number(s.priority ?? 0));
        if (s.nice) w.push('nice -n ' + Number(s.nice));
      }
      const io = c.process?.ioPriority;
      const cls = { IOPRIO_CLASS_RT: 1, IOPRIO_CLASS_BE: 2, IOPRIO_CLASS_IDLE: 3 }[io?.class];
      if (cls) w.push('ionice -c ' + cls + (cls === 3 ? '' : ' -n ' + Number(io.priority ?? 0)));
      return w.join(' ');
    })()") || exit 1
    export FIXED_RUNC_INHERITED=1
    [ -n "$prefix" ] && eval "exec $prefix \"\$0\" $ORIG_Q"
  fi
  domain=''
  grep -q '"domainname"' "$CONFIG" && { domain=$(json_get "$CONFIG" "c.domainname ?? ''") || exit 1; }
  ROOTPROP=''
  if grep -q '"rootfsPropagation"' "$CONFIG"; then
    ROOTPROP=$(json_get "$CONFIG" 'c.linux?.rootfsPropagation ?? ""') || exit 1
    case $ROOTPROP in
      shared | unbindable) json_edit "$CONFIG" 'delete c.linux.rootfsPropagation' || exit 1 ;;
      *) ROOTPROP='' ;;
    esac
  fi
  cg_fix=''
  if grep -q '"pids"\|"burst"\|"idle"' "$CONFIG"; then
    cg_fix=$(json_get "$CONFIG" "((v, r) =>
      (v >= '1.3.0' && r.pids?.limit === 0 ? 'pids0;' : '') +
      (v >= '1.1.0' && r.cpu?.burst !== undefined ? 'burst=' + r.cpu.burst + ';' : '') +
      (v >= '1.1.0' && r.cpu?.idle !== undefined ? 'idle=' + r.cpu.idle + ';' : ''))(c.ociVersion ?? '', c.linux?.resources ?? {})")
  fi
  # Nothing else to repair without hooks (and no node to start).
  if ! grep -q '"hooks"' "$CONFIG"; then
    [ -n "$domain" ] || [ -n "$ROOTPROP" ] || [ -n "$cg_fix" ] || pass
    base_sub || exit $?
    if [ -n "$domain" ]; then set_domainname "$domain" || exit $?; fi
    if [ -n "$cg_fix" ]; then fix_cgroups; fi
    [ -z "$ROOTPROP" ] || apply_root_propagation
    exit $?
  fi
  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT
  scdir="$BUNDLE/.fixed-runc-$ID"
  json_edit "$CONFIG" "
    const keep = (k, list) => list.length && h.write('$tmp/' + k + '.json', { [k]: list });
    const v = typeof c.ociVersion === 'string' ? c.ociVersion : '';
    if (v < '1.0.2') keep('prestart', h.take(c, 'prestart'));
    keep('poststart', h.take(c, 'poststart'));
    keep('poststop', h.take(c, 'poststop'));
    if (v >= '1.3.0' && !v.startsWith('1.3.0-')) h.write('$tmp/poststart-fatal', true);
    const devTmpfs = (c.mounts ?? []).some((m) => m.destination === '/dev' && m.type === 'tmpfs');
    if (c.hooks?.startContainer?.length && devTmpfs) {
      c.mounts.push({ destination: '/dev/.fixed-runc', type: 'bind', source: '$scdir', options: ['rbind', 'rw'] });
      h.add(c, 'startContainer', [{ path: '/bin/sh', args: ['sh', '-c', 'cat >/dev/null; echo ok > /dev/.fixed-runc/started'] }]);
      h.text('$tmp/sc', '$scdir');
    }
  " || exit 1
  [ -e "$tmp/sc" ] && mkdir -p "$scdir"
  base_sub
  rc=$?
  if [ $rc = 0 ] && [ -n "$domain" ]; then set_domainname "$domain" || rc=$?; fi
  if [ $rc = 0 ]; then
    mkdir -p "$SIDE" && cp "$tmp"/* "$SIDE"/ 2>/dev/null
    if [ -n "$ROOTPROP" ]; then apply_root_propagation || rc=1; fi
    [ -n "$cg_fix" ] && fix_cgroups
  else
    rm -rf "$scdir"
    # runc destroyed what it had made; it would have run the poststop hooks we took out.
    if [ ! -e "$CDIR" ] && kept "$tmp" poststop; then
      printf '{"ociVersion":"%s","id":"%s","status":"stopped","bundle":"%s"}\n' \
        "$(json_get "$CONFIG" 'c.ociVersion')" "$ID" "$BUNDLE" > "$tmp/state"
      run_hooks "$tmp/poststop.json" poststop "$tmp/state" warn
    fi
  fi
  exit $rc
  ;;
start)
  { [ -n "$ID" ] && [ -d "$SIDE" ] && [ "$(status_of "$ID")" = created ]; } || pass
  pid=$(pid_of "$ID")
  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT
  cp "$SIDE"/* "$tmp"/ 2>/dev/null
  # Before 1.0.2: prestart hooks, before the program. A failure destroys the container.
  if kept "$tmp" prestart; then
    state_json "$ID" > "$tmp/state"
    if ! run_hooks "$tmp/prestart.json" prestart "$tmp/state" stop; then
      base delete --force "$ID" >/dev/null 2>&1
      if kept "$tmp" poststop; then
        sed 's/"status": "[a-z]*"/"status": "stopped"/' "$tmp/state" > "$tmp/stopped"
        run_hooks "$tmp/poststop.json" poststop "$tmp/stopped" warn
      fi
      [ -e "$tmp/sc" ] && rm -rf "$(cat "$tmp/sc")"
      echo "fixed-runc: a prestart hook failed; the container was destroyed" >&2
      exit 1
    fi
  fi
  base_sub || exit $?
  if [ -e "$tmp/sc" ]; then
    # The startContainer hooks run in the container's init after runc start returned: wait for
    # our last hook's mark, or for init to end without it (a hook failed).
    scdir=$(cat "$tmp/sc")
    n=0
    while [ ! -e "$scdir/started" ] && alive "$pid" && [ $n -lt 2500 ]; do sleep 0.01; n=$((n + 1)); done
    if [ ! -e "$scdir/started" ]; then
      echo "fixed-runc: a startContainer hook failed; the container did not start" >&2
      exit 1
    fi
  fi
  if kept "$tmp" poststart; then
    state_json "$ID" > "$tmp/state"
    if [ -e "$tmp/poststart-fatal" ]; then
      if ! run_hooks "$tmp/poststart.json" poststart "$tmp/state" stop; then
        base kill "$ID" KILL 2>/dev/null
        exit 1
      fi
    else
      run_hooks "$tmp/poststart.json" poststart "$tmp/state" warn
    fi
  fi
  exit 0
  ;;
delete)
  [ -n "$ID" ] || pass
  st=$(state_json "$ID") || pass
  status=$(printf '%s\n' "$st" | field status)
  if [ -z "$FORCE" ] && [ "$status" != stopped ]; then
    echo "fixed-runc: cannot delete container $ID: it is $status, not stopped (use --force)" >&2
    exit 1
  fi
  [ -d "$SIDE" ] || pass
  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT
  cp "$SIDE"/* "$tmp"/ 2>/dev/null
  printf '%s\n' "$st" | sed 's/"status": "[a-z]*"/"status": "stopped"/' > "$tmp/state"
  base_sub
  rc=$?
  if [ $rc = 0 ]; then
    kept "$tmp" poststop && run_hooks "$tmp/poststop.json" poststop "$tmp/state" warn
    [ -e "$tmp/sc" ] && rm -rf "$(cat "$tmp/sc")"
  fi
  exit $rc
  ;;
features)
  out=$(base_sub) || exit $?
  printf '%s\n' "$out" | sed 's/^\([[:space:]]*"ociVersionMax":[[:space:]]*\)"[^"]*"/\1"1.1.0"/'
  ;;
*) pass ;;
esac
