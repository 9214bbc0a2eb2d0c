// Config application, seccomp (config-linux.md "Seccomp"): a filtered system call fails with the
// configured errno or kills its caller, an unmatched one follows defaultAction, and errno values
// on actions that return none are refused. The probe runs busybox applets whose system calls the
// filters name; every case has a container of its own (a filter would disturb other probes), and
// the filter lets the probe's shell itself run (runtimes install it just before the exec).
import type { Answer } from '../probe/parse.js';
import type { Config } from '../harness/bundle.js';
import type { CaseContext, TestCase } from '../harness/case.js';
import { probeCase, type ProbeCase } from '../harness/probe-runs.js';
import { versionInRange } from '../../schema/versions.js';
import { expectCreateRefused } from './programs.js';

/** The seccomp architectures of this host: its own and the compat ones it can run. */
export function hostArchitectures(arch: string = process.arch): string[] | undefined {
  const map: Record<string, string[]> = {
    x64: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
    arm64: ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'],
    s390x: ['SCMP_ARCH_S390X', 'SCMP_ARCH_S390'],
    ppc64: ['SCMP_ARCH_PPC64LE'],
  };
  // Elsewhere the field is left out: the runtime then filters the native architecture.
  return map[arch];
}

/** errno numbers (the same on every Linux architecture these cases run on) and their texts. */
const ERRNO = {
  EPERM: { value: 1, texts: ['Operation not permitted'] },
  ETXTBSY: { value: 26, texts: ['Text file busy'] },
  // glibc and musl word this one differently.
  EXDEV: { value: 18, texts: ['Invalid cross-device link', 'Cross-device link'] },
} as const;
type ErrnoName = keyof typeof ERRNO;

/** 128 + SIGSYS: how the shell reports a command the kernel killed for a filtered system call. */
const KILLED_BY_SIGSYS = 128 + 31;

/**
 * System calls of x86_64 (its unistd_64.h), the allow-list of a filter whose default action is
 * an error. Runtimes skip names their seccomp library does not know; other 64-bit architectures
 * name nearly all of theirs the same.
 */
const X86_64_SYSCALLS = `
  read write open close stat fstat lstat poll lseek mmap mprotect munmap brk rt_sigaction
  rt_sigprocmask rt_sigreturn ioctl pread64 pwrite64 readv writev access pipe select sched_yield
  mremap msync mincore madvise shmget shmat shmctl dup dup2 pause nanosleep getitimer alarm
  setitimer getpid sendfile socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind
  listen getsockname getpeername socketpair setsockopt getsockopt clone fork vfork execve exit wait4
  kill uname semget semop semctl shmdt msgget msgsnd msgrcv msgctl fcntl flock fsync fdatasync
  truncate ftruncate getdents getcwd chdir fchdir rename mkdir rmdir creat link unlink symlink
  readlink chmod fchmod chown fchown lchown umask gettimeofday getrlimit getrusage sysinfo times
  ptrace getuid syslog getgid setuid setgid geteuid getegid setpgid getppid getpgrp setsid setreuid
  setregid getgroups setgroups setresuid getresuid setresgid getresgid getpgid setfsuid setfsgid
  getsid capget capset rt_sigpending rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend sigaltstack
  utime mknod uselib personality ustat statfs fstatfs sysfs getpriority setpriority sched_setparam
  sched_getparam sched_setscheduler sched_getscheduler sched_get_priority_max sched_get_priority_min
  sched_rr_get_interval mlock munlock mlockall munlockall vhangup modify_ldt pivot_root _sysctl prctl
  arch_prctl adjtimex setrlimit chroot sync acct settimeofday mount umount2 swapon swapoff reboot
  sethostname setdomainname iopl ioperm create_module init_module delete_module get_kernel_syms
  query_module quotactl nfsservctl getpmsg putpmsg afs_syscall tuxcall security gettid readahead
  setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr listxattr llistxattr flistxattr
  removexattr lremovexattr fremovexattr tkill time futex sched_setaffinity sched_getaffinity
  set_thread_area io_setup io_destroy io_getevents io_submit io_cancel get_thread_area
  lookup_dcookie epoll_create epoll_ctl_old epoll_wait_old remap_file_pages getdents64
  set_tid_address restart_syscall semtimedop fadvise64 timer_create timer_settime timer_gettime
  timer_getoverrun timer_delete clock_settime clock_gettime clock_getres clock_nanosleep exit_group
  epoll_wait epoll_ctl tgkill utimes vserver mbind set_mempolicy get_mempolicy mq_open mq_unlink
  mq_timedsend mq_timedreceive mq_notify mq_getsetattr kexec_load waitid add_key request_key
  keyctl ioprio_set ioprio_get inotify_init inotify_add_watch inotify_rm_watch migrate_pages
  openat mkdirat mknodat fchownat futimesat newfstatat unlinkat renameat linkat symlinkat
  readlinkat fchmodat faccessat pselect6 ppoll unshare set_robust_list get_robust_list splice
  tee sync_file_range vmsplice move_pages utimensat epoll_pwait signalfd timerfd_create eventfd
  fallocate timerfd_settime timerfd_gettime accept4 signalfd4 eventfd2 epoll_create1 dup3
  pipe2 inotify_init1 preadv pwritev rt_tgsigqueueinfo perf_event_open recvmmsg fanotify_init
  fanotify_mark prlimit64 name_to_handle_at open_by_handle_at clock_adjtime syncfs sendmmsg
  setns getcpu process_vm_readv process_vm_writev kcmp finit_module sched_setattr sched_getattr
  renameat2 seccomp getrandom memfd_create kexec_file_load bpf execveat userfaultfd membarrier
  mlock2 copy_file_range preadv2 pwritev2 pkey_mprotect pkey_alloc pkey_free statx io_pgetevents
  rseq pidfd_send_signal io_uring_setup io_uring_enter io_uring_register open_tree move_mount
  fsopen fsconfig fsmount fspick pidfd_open clone3 close_range openat2 pidfd_getfd faccessat2
  process_madvise epoll_pwait2 mount_setattr quotactl_fd landlock_create_ruleset landlock_add_rule
  landlock_restrict_self memfd_secret process_mrelease futex_waitv set_mempolicy_home_node
`
  .trim()
  .split(/\s+/);

const MKDIR = ['mkdir', 'mkdirat'];
const DENIED_DIR = '/tmp/oci-seccomp-denied';
const MKDIR_ASK = `mkdir ${DENIED_DIR}`;

function setSeccomp(c: Config, s: Record<string, unknown>): void {
  const architectures = hostArchitectures();
  c.linux.seccomp = { defaultAction: 'SCMP_ACT_ALLOW', ...(architectures ? { architectures } : {}), ...s };
}

/** mkdir failed because the system call did (busybox: "can't create directory ...: <strerror>"). */
function mkdirFailed(a: Answer | undefined): boolean {
  return !!a && a.exit !== 0 && a.output.some((l) => l.includes("can't create directory"));
}

function failedWith(a: Answer | undefined, errno: ErrnoName): boolean {
  return mkdirFailed(a) && a!.output.some((l) => ERRNO[errno].texts.some((text) => l.endsWith(`: ${text}`)));
}

function checkErrno(t: CaseContext, req: string, a: Answer | undefined, errno: ErrnoName, why: string): void {
  t.check(req, `mkdir fails with ${errno} (${why})`, failedWith(a, errno), { expected: `exit 1, "${ERRNO[errno].texts[0]}"`, actual: a ?? null });
}

const probeCases: ProbeCase[] = [
  probeCase({
    id: 'config.seccomp.errno',
    revision: 1,
    title: 'a system call matched by an SCMP_ACT_ERRNO entry fails (with EPERM from 1.1.0); unmatched ones follow defaultAction SCMP_ACT_ALLOW',
    area: 'config',
    requirements: ['config-linux.seccomp', 'config-linux.seccomp.errno-default'],
    probe: {
      fields: ['/linux/seccomp'],
      alone: true,
      edit(c) {
        setSeccomp(c, { syscalls: [{ names: MKDIR, action: 'SCMP_ACT_ERRNO' }] });
      },
      asks: { denied: MKDIR_ASK, allowed: 'ln -s target /tmp/oci-seccomp-allowed' },
      verify(t, facts) {
        t.equal('config-linux.seccomp', 'the process runs under a seccomp filter (Seccomp: 2 in /proc/self/status)', facts.status.Seccomp ?? null, '2');
        const denied = facts.answers.denied;
        t.check('config-linux.seccomp', 'mkdir (mkdir, mkdirat: SCMP_ACT_ERRNO) fails', mkdirFailed(denied), { expected: 'exit 1, "can\'t create directory"', actual: denied ?? null });
        // Before 1.1.0 the spec names no errno for SCMP_ACT_ERRNO.
        if (versionInRange(t.version, '1.1.0')) checkErrno(t, 'config-linux.seccomp.errno-default', denied, 'EPERM', 'SCMP_ACT_ERRNO without errnoRet');
        const allowed = facts.answers.allowed;
        t.check('config-linux.seccomp', 'ln -s (symlink, symlinkat: no entry) follows defaultAction SCMP_ACT_ALLOW and works', allowed?.exit === 0, { expected: 'exit 0', actual: allowed ?? null });
      },
    },
  }),
  probeCase({
    id: 'config.seccomp.errno-ret',
    revision: 1,
    title: 'errnoRet is the errno an SCMP_ACT_ERRNO entry returns',
    area: 'config',
    requirements: ['config-linux.seccomp.errno-ret'],
    since: '1.1.0',
    probe: {
      fields: ['/linux/seccomp'],
      alone: true,
      edit(c) {
        setSeccomp(c, { syscalls: [{ names: MKDIR, action: 'SCMP_ACT_ERRNO', errnoRet: ERRNO.ETXTBSY.value }] });
      },
      asks: { denied: MKDIR_ASK },
      verify(t, facts) {
        checkErrno(t, 'config-linux.seccomp.errno-ret', facts.answers.denied, 'ETXTBSY', `errnoRet ${ERRNO.ETXTBSY.value}`);
      },
    },
  }),
  probeCase({
    id: 'config.seccomp.default-errno-ret',
    revision: 1,
    title: 'defaultErrnoRet is the errno of defaultAction SCMP_ACT_ERRNO (every other system call allowed)',
    area: 'config',
    requirements: ['config-linux.seccomp.default-errno-ret'],
    since: '1.1.0',
    probe: {
      fields: ['/linux/seccomp'],
      alone: true,
      edit(c) {
        // Everything the shell, the probe and the runtime's last steps need is allowed: every
        // system call but mkdir's two.
        setSeccomp(c, {
          defaultAction: 'SCMP_ACT_ERRNO',
          defaultErrnoRet: ERRNO.EXDEV.value,
          syscalls: [{ names: X86_64_SYSCALLS.filter((n) => !MKDIR.includes(n)), action: 'SCMP_ACT_ALLOW' }],
        });
      },
      asks: { denied: MKDIR_ASK },
      verify(t, facts) {
        checkErrno(t, 'config-linux.seccomp.default-errno-ret', facts.answers.denied, 'EXDEV', `defaultErrnoRet ${ERRNO.EXDEV.value}`);
      },
    },
  }),
  probeCase({
    id: 'config.seccomp.kill',
    revision: 1,
    title: 'a system call matched by an SCMP_ACT_KILL entry kills its caller with SIGSYS',
    area: 'config',
    requirements: ['config-linux.seccomp'],
    probe: {
      fields: ['/linux/seccomp'],
      alone: true,
      edit(c) {
        setSeccomp(c, { syscalls: [{ names: ['chmod', 'fchmod', 'fchmodat'], action: 'SCMP_ACT_KILL' }] });
      },
      // The applet runs in a child of the probe's shell: the kill ends the child, not the probe.
      asks: { killed: ': > /tmp/oci-seccomp-kill && chmod 600 /tmp/oci-seccomp-kill' },
      verify(t, facts) {
        const a = facts.answers.killed;
        t.check('config-linux.seccomp', `chmod (chmod, fchmod, fchmodat: SCMP_ACT_KILL) dies of SIGSYS (status ${KILLED_BY_SIGSYS})`, a?.exit === KILLED_BY_SIGSYS, { expected: `exit ${KILLED_BY_SIGSYS}`, actual: a ?? null });
      },
    },
  }),
  probeCase({
    id: 'config.seccomp.kill-process',
    revision: 1,
    title: 'a system call matched by an SCMP_ACT_KILL_PROCESS entry kills its caller with SIGSYS',
    area: 'config',
    requirements: ['config-linux.seccomp'],
    since: '1.1.0',
    probe: {
      fields: ['/linux/seccomp'],
      alone: true,
      edit(c) {
        setSeccomp(c, { syscalls: [{ names: ['sync', 'syncfs'], action: 'SCMP_ACT_KILL_PROCESS' }] });
      },
      asks: { killed: 'sync' },
      verify(t, facts) {
        const a = facts.answers.killed;
        t.check('config-linux.seccomp', `sync (sync, syncfs: SCMP_ACT_KILL_PROCESS) dies of SIGSYS (status ${KILLED_BY_SIGSYS})`, a?.exit === KILLED_BY_SIGSYS, { expected: `exit ${KILLED_BY_SIGSYS}`, actual: a ?? null });
      },
    },
  }),
];

const plainCases: TestCase[] = [
  {
    id: 'config.seccomp.errno-ret-unsupported',
    revision: 1,
    title: 'errnoRet or defaultErrnoRet with an action that returns no errno makes create fail',
    area: 'config',
    requirements: ['config-linux.seccomp.errno-ret-unsupported', 'runtime.errors.no-side-effects'],
    since: '1.1.0',
    async run(t) {
      // acct: a system call nothing here makes.
      await expectCreateRefused(t, 'config-linux.seccomp.errno-ret-unsupported', 'with errnoRet on an SCMP_ACT_KILL entry', (c) => {
        setSeccomp(c, { syscalls: [{ names: ['acct'], action: 'SCMP_ACT_KILL', errnoRet: ERRNO.ETXTBSY.value }] });
      });
      await expectCreateRefused(t, 'config-linux.seccomp.errno-ret-unsupported', 'with defaultErrnoRet and defaultAction SCMP_ACT_ALLOW', (c) => {
        setSeccomp(c, { defaultErrnoRet: ERRNO.ETXTBSY.value, syscalls: [{ names: ['acct'], action: 'SCMP_ACT_ERRNO' }] });
      });
    },
  },
];

export const cases: TestCase[] = [...probeCases, ...plainCases];
