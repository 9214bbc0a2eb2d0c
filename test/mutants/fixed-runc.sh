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

case $SUBCMD in
create)
  { [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
  cg_fix=''
  if grep -q '"pids"\|"burst"\|"idle"' "$CONFIG"; then
    cg_fix=$(json_get "$CONFIG" "((v, r) =>
      (v >= '1.3.0' && r.pids?.limit === 0 ? 'pids0;' : '') +
      (v >= '1.1.0' && r.cpu?.burst !== undefined ? 'burst=' + r.cpu.burst + ';' : '') +
      (v >= '1.1.0' && r.cpu?.idle !== undefined ? 'idle=' + r.cpu.idle + ';' : ''))(c.ociVersion ?? '', c.linux?.resources ?? {})")
  fi
  # Nothing else to repair without hooks (and no node to start).
  if ! grep -q '"hooks"' "$CONFIG"; then
    [ -n "$cg_fix" ] || pass
    base_sub
    rc=$?
    [ $rc = 0 ] && fix_cgroups
    exit $rc
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
  if [ $rc = 0 ]; then
    mkdir -p "$SIDE" && cp "$tmp"/* "$SIDE"/ 2>/dev/null
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
