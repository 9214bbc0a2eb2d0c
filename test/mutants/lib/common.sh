# Sourced by every mutant wrapper (POSIX sh). Before sourcing, a wrapper may set
#   BASE=runc        wrap the real runc found on PATH (the default)
#   BASE=fixed-runc  wrap fixed-runc.sh (runc with its known deviations repaired)
# After sourcing it has the OCI CLI argv split up:
#   SUBCMD    the subcommand: the first argument that is not a global flag ('' for --version)
#   ROOT      the state root (--root; runc's default /run/runc otherwise)
#   ID ARG2   the first and second positional arguments after the subcommand
#   BUNDLE    create: the --bundle directory (absolute), or the working directory
#   PIDFILE   create: the --pid-file argument, if any
#   FORCE     delete: 1 with --force
#   GLOBALS_Q, SUBARGS_Q  the global flags and the subcommand's arguments, shell-quoted for eval
# and these helpers:
#   pass               exec the base runtime with the original argv
#   base ARGS...       run the base runtime with the original global flags and ARGS
#   base_sub [ARGS...] run the base runtime with the original argv, ARGS inserted between the
#                      subcommand and its original arguments
#   real ARGS...       run the real runc with the original global flags and ARGS
#   json_edit FILE JS  / json_filter JS / json_get FILE EXPR   (lib/json.mjs)
#   run_hooks HOOKS_FILE KIND STATE_FILE MODE                (lib/hooks.mjs)
#   state_json ID      the base runtime's state document for ID (exit status of state)
#   field NAME         read a top-level string or number field of a JSON document on stdin
set -u

# test/mutants (a wrapper elsewhere sets MUTANTS_DIR before sourcing this file).
MUTANTS_DIR=${MUTANTS_DIR:-$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)}
LIB="$MUTANTS_DIR/lib"
NODE=${NODE:-node}

REAL_RUNC=$(command -v runc) || { echo "$(basename "$0"): runc not found on PATH" >&2; exit 127; }
: "${BASE:=runc}"
case $BASE in
  runc) BASE_BIN=$REAL_RUNC ;;
  fixed-runc) BASE_BIN="$MUTANTS_DIR/fixed-runc.sh" ;;
  *) echo "$(basename "$0"): unknown BASE $BASE" >&2; exit 2 ;;
esac

# Quote one word for eval.
q() {
  case $1 in
    *\'*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
    *) printf "'%s'" "$1" ;;
  esac
}

ORIG_Q=''
for a in "$@"; do ORIG_Q="$ORIG_Q $(q "$a")"; done

GLOBALS_Q=''
ROOT=/run/runc
SUBCMD=''
while [ $# -gt 0 ]; do
  case $1 in
    --root | --log | --log-format | --criu | --rootless)
      [ $# -ge 2 ] || break
      [ "$1" = --root ] && ROOT=$2
      GLOBALS_Q="$GLOBALS_Q $(q "$1") $(q "$2")"
      shift 2
      ;;
    --root=*) ROOT=${1#--root=}; GLOBALS_Q="$GLOBALS_Q $(q "$1")"; shift ;;
    -*) GLOBALS_Q="$GLOBALS_Q $(q "$1")"; shift ;;
    *) SUBCMD=$1; shift; break ;;
  esac
done

SUBARGS_Q=''
ID=''
ARG2=''
BUNDLE=''
PIDFILE=''
FORCE=''
NPOS=0
while [ $# -gt 0 ]; do
  SUBARGS_Q="$SUBARGS_Q $(q "$1")"
  case $SUBCMD:$1 in
    create:--bundle | create:-b | run:--bundle | run:-b) BUNDLE=${2-}; SUBARGS_Q="$SUBARGS_Q $(q "${2-}")"; shift; [ $# -gt 0 ] && shift; continue ;;
    create:--bundle=* | run:--bundle=*) BUNDLE=${1#--bundle=} ;;
    create:--pid-file | run:--pid-file) PIDFILE=${2-}; SUBARGS_Q="$SUBARGS_Q $(q "${2-}")"; shift; [ $# -gt 0 ] && shift; continue ;;
    create:--pid-file=* | run:--pid-file=*) PIDFILE=${1#--pid-file=} ;;
    create:--console-socket | create:--preserve-fds | run:--console-socket | run:--preserve-fds)
      SUBARGS_Q="$SUBARGS_Q $(q "${2-}")"; shift; [ $# -gt 0 ] && shift; continue ;;
    delete:--force | delete:-f) FORCE=1 ;;
    -*) ;;
    *)
      NPOS=$((NPOS + 1))
      [ $NPOS = 1 ] && ID=$1
      [ $NPOS = 2 ] && ARG2=$1
      ;;
  esac
  shift
done
if [ "$SUBCMD" = create ] || [ "$SUBCMD" = run ]; then
  BUNDLE=$(CDPATH='' cd -- "${BUNDLE:-.}" 2>/dev/null && pwd) || BUNDLE=${BUNDLE:-.}
fi
CONFIG="$BUNDLE/config.json"
# runc's own directory for a container (runc keeps state.json and exec.fifo there).
CDIR="$ROOT/$ID"

pass() { eval "exec \"\$BASE_BIN\" $ORIG_Q"; }
base() { eval "set -- $GLOBALS_Q"' "$@"'; "$BASE_BIN" "$@"; }
base_sub() { eval "set -- $GLOBALS_Q $(q "$SUBCMD")"' "$@"'" $SUBARGS_Q"; "$BASE_BIN" "$@"; }
real() { eval "set -- $GLOBALS_Q"' "$@"'; "$REAL_RUNC" "$@"; }

# NODE_OPTIONS off: a test runner's preloads (tap's) would slow every call and trace it.
json_edit() { NODE_OPTIONS='' "$NODE" "$LIB/json.mjs" edit "$1" "$2"; }
json_filter() { NODE_OPTIONS='' "$NODE" "$LIB/json.mjs" filter "$1"; }
json_get() { NODE_OPTIONS='' "$NODE" "$LIB/json.mjs" get "$1" "$2"; }
run_hooks() { NODE_OPTIONS='' "$NODE" "$LIB/hooks.mjs" "$@"; }

state_json() { base state "$1" 2>/dev/null; }
# A top-level field of a JSON document on stdin (runc prints "key": value pairs one per line).
field() { sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}[[:space:]]*\$/\1/p" | head -n 1; }
status_of() { state_json "$1" | field status; }
pid_of() { state_json "$1" | field pid; }

# True while a pid is a live process (not gone, not a zombie).
alive() { [ -r "/proc/$1/stat" ] && ! sed 's/^.*) //' "/proc/$1/stat" | grep -q '^[ZX]'; }

# ---- patterns shared by several mutants ---------------------------------------------------

# create: edit config.json with JS (lib/json.mjs) first; anything else: untouched.
edit_then_pass() {
  if [ "$SUBCMD" = create ] && [ -f "$CONFIG" ]; then json_edit "$CONFIG" "$1" || exit 1; fi
  pass
}

# SUB: print the base runtime's JSON output passed through JS; other subcommands untouched.
filter_output() {
  { [ "$SUBCMD" = "$1" ] && { [ "$1" = features ] || [ -n "$ID" ]; }; } || pass
  _out=$(base_sub) || exit $?
  printf '%s\n' "$_out" | json_filter "$2"
  exit $?
}

# SUB: the base runtime's output passed through sed SCRIPT (runc prints one member a line, two
# spaces in; sed rather than node: state is polled).
sed_output() {
  { [ "$SUBCMD" = "$1" ] && [ -n "$ID" ]; } || pass
  _out=$(base_sub) || exit $?
  printf '%s\n' "$_out" | sed "$2"
  exit $?
}

# Hooks a mutant runs itself: create_keeping KIND... takes those kinds out of config.json, runs
# create and keeps them in $KEPT (runc's directory for the container, removed by delete).
KEPT="$CDIR/mutant-hooks.json"
create_keeping() {
  { [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
  _t=$(mktemp) || exit 1
  _kinds=''
  for _k in "$@"; do _kinds="$_kinds'$_k',"; done
  json_edit "$CONFIG" "h.write('$_t', Object.fromEntries([$_kinds].map((k) => [k, h.take(c, k)])))" || exit 1
  base_sub
  _rc=$?
  if [ $_rc = 0 ]; then mv "$_t" "$KEPT"; else rm -f "$_t"; fi
  exit $_rc
}

# Copy the kept hooks and the container's state (status set to STATUS when given) into a fresh
# temporary directory $T, removed on exit.
snapshot() {
  T=$(mktemp -d) || exit 1
  trap 'rm -rf "$T"' EXIT
  cp "$KEPT" "$T/hooks.json" 2>/dev/null || echo '{}' > "$T/hooks.json"
  if [ -n "${1:-}" ]; then state_json "$ID" | json_filter "c.status = '$1'" > "$T/state"; else state_json "$ID" > "$T/state"; fi
}

# create, and when it fails leave behind what a runtime that does not clean up after itself
# would: a container under the same ID made of the config minus what JS (a json_edit script)
# takes out, the hooks always. Exits with create's status.
create_leaving_leftover() {
  { [ "$SUBCMD" = create ] && [ -n "$ID" ] && [ -f "$CONFIG" ] && [ ! -e "$CDIR" ]; } || pass
  base_sub && exit 0
  _rc=$?
  _left="$BUNDLE/.mutant-leftover-$ID"
  mkdir -p "$_left" && cp "$CONFIG" "$_left/config.json"
  json_edit "$_left/config.json" "delete c.hooks; $1
    if (!c.root.path.startsWith('/')) c.root.path = '$BUNDLE/' + c.root.path;"
  base create --bundle "$_left" "$ID" </dev/null >/dev/null 2>&1
  exit $_rc
}
