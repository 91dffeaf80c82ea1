/*
 * trydeb-sandbox: the single-threaded helper that creates trydeb's namespaces.
 *
 * The JVM cannot create a user namespace (the kernel refuses one to a multithreaded
 * process), so trydeb starts this program, or execve()s into it, with the whole sandbox
 * described on the command line as a list of typed setup operations, like bubblewrap:
 *
 *   trydeb-sandbox [--map root|user|full:SUBUID:SUBGID:COUNT] [--lock-shared FILE]
 *                  [--unshare-net] [--share-ipc] [--root DIR] [OPERATION...] [--chdir DIR]
 *                  [--drop-caps] [--die-with-parent] [--remove-after DIR]
 *                  [--pid-file FILE] -- PROGRAM [ARG...]
 *   trydeb-sandbox --saved-run FILE LAUNCHER K WORD...   (the launcher's fast path, below)
 *   trydeb-sandbox --print-ops ARGS...    (prints ARGS as parsed, one line each; does nothing)
 *   trydeb-sandbox --map MAP --merge-layers OUT LAYER...  (compaction, in merge-layers.c:
 *                  LAYER... oldest first become OUT, in the user namespace alone)
 *
 * Operations, executed in order; DEST is a path inside the sandbox, resolved under the new
 * root DIR (a tmpfs) that becomes "/" by pivot_root once all operations have run:
 *   --dir DEST MODE                 create a directory
 *   --tmpfs DEST MODE               mount an empty tmpfs
 *   --bind SRC DEST                 recursive read-write bind of a host path
 *   --ro-bind SRC DEST              recursive bind, top mount made read-only
 *   --ro-bind-dir-try SRC DEST      the same, skipped unless SRC and DEST are directories
 *   --overlay LOWERS UPPER WORK DEST  overlayfs (LOWERS: host dirs, top first, ':'-separated)
 *   --symlink TARGET DEST           create a symlink
 *   --proc DEST                     mount a new procfs for the new PID namespace
 *   --copy-up-socket DEST LOG       where the copy-up supervisor takes filter listeners from
 *                                   the programs trydeb-copy-up.so starts (see copy-up.c),
 *                                   recording the files it copies in the host file LOG; only
 *                                   for a program that keeps its capabilities
 *
 * --share-ipc keeps the caller's IPC namespace: X11's MIT-SHM hands the X server the id of
 * a System V shared-memory segment, which a separate IPC namespace makes meaningless to it
 * (BadAccess). Without the flag the sandbox gets an IPC namespace of its own.
 * A program that keeps its capabilities (no --drop-caps: dpkg and its maintainer scripts as
 * namespaced root) in a sandbox with a --root runs in a user namespace nested in the
 * sandbox's, with a mount namespace of its own, as bubblewrap runs its payload: the kernel
 * then locks every mount set up here (a read-only bind cannot be remounted read-write,
 * nothing can be unmounted to uncover what lies below), and PID 1 is out of its reach (its
 * capabilities stop at the nested namespace, so it cannot ptrace PID 1 nor read
 * /proc/1/environ). PID 1 passes on only signals sent from outside the sandbox; a signal
 * from a process inside is ignored.
 * --remove-after DIR removes DIR (a throwaway layer) once the sandbox has ended. Every
 * program gets a seccomp filter refusing the TIOCSTI and TIOCLINUX ioctls, with which it
 * could push keystrokes into the terminal it was started from.
 *
 * Process tree: this process stays outside (in the user namespace, but with the host's
 * mounts) as the waiter and returns the program's exit status (128+N for signal N); its
 * child, cloned into new mount, PID and UTS namespaces (and IPC and network ones unless
 * shared), is PID 1, sets the mounts up, forks the program and reaps orphans until the
 * program exits, after which the kernel kills anything the program left behind. Exit status 125 means the sandbox could
 * not be set up (the message says which operation and path), 127/126 that the program
 * could not be found/executed, 5 that the environment lock is held by a writer.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <dirent.h>
#include <linux/audit.h>
#include <linux/close_range.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "copy-up.h"
#include "merge-layers.h"

#define EXIT_SETUP 125
#define EXIT_BUSY 5
#define MAX_OPS 1024

enum op_kind { OP_DIR, OP_TMPFS, OP_BIND, OP_RO_BIND, OP_RO_BIND_DIR_TRY, OP_OVERLAY, OP_SYMLINK, OP_PROC, OP_COPY_UP_SOCKET };

struct op {
    enum op_kind kind;
    const char *a; /* SRC, TARGET, LOWERS or LOG */
    const char *b; /* UPPER */
    const char *c; /* WORK */
    const char *dest;
    mode_t mode;   /* DIR, TMPFS: parsed with the arguments, before any namespace exists */
};

static const char *const OP_NAMES[] = {"dir", "tmpfs", "bind", "ro-bind", "ro-bind-dir-try", "overlay", "symlink",
                                       "proc", "copy-up-socket"};

struct config {
    enum { MAP_NONE, MAP_ROOT, MAP_USER, MAP_FULL } map;
    unsigned long subuid, subgid, count;
    const char *lock_file;
    int unshare_net;
    int share_ipc;
    const char *root;
    const char *chdir_to;
    int drop_caps;
    int die_with_parent;
    const char *remove_after;
    const char *pid_file;
    struct op ops[MAX_OPS];
    int n_ops;
    char **argv;
    const char *merge_out;
    char **merge_layers;
    int n_merge_layers;
};

static pid_t program_pid = -1;
static pid_t init_pid = -1;
/* Where the copy-up supervisor listens (--copy-up-socket), inside the sandbox, and its log. */
static const char *copy_up_path;
static int copy_up_log = -1;

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("trydeb: sandbox setup failed: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    _exit(EXIT_SETUP);
}

static void usage(const char *what) __attribute__((noreturn));
static void usage(const char *what) {
    die("trydeb-sandbox: %s (this helper is started by trydeb, not by hand)", what);
}

static mode_t parse_mode(const char *s) {
    char *end;
    long m = strtol(s, &end, 8);
    if (*s == '\0' || *end || m < 0 || m > 07777) usage("bad mode");
    return (mode_t)m;
}

static void parse_args(int argc, char **argv, struct config *cfg) {
    memset(cfg, 0, sizeof(*cfg));
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        int left = argc - i - 1;
#define NEED(n) do { if (left < (n)) usage(arg); } while (0)
#define ADD_OP(k, x, y, z, d) do { \
            if (cfg->n_ops >= MAX_OPS) usage("too many operations"); \
            cfg->ops[cfg->n_ops++] = (struct op){(k), (x), (y), (z), (d), 0}; } while (0)
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        } else if (strcmp(arg, "--map") == 0) {
            NEED(1);
            const char *m = argv[++i];
            if (strcmp(m, "root") == 0) cfg->map = MAP_ROOT;
            else if (strcmp(m, "user") == 0) cfg->map = MAP_USER;
            else if (sscanf(m, "full:%lu:%lu:%lu", &cfg->subuid, &cfg->subgid, &cfg->count) == 3)
                cfg->map = MAP_FULL;
            else usage("bad --map");
        } else if (strcmp(arg, "--lock-shared") == 0) {
            NEED(1); cfg->lock_file = argv[++i];
        } else if (strcmp(arg, "--unshare-net") == 0) {
            cfg->unshare_net = 1;
        } else if (strcmp(arg, "--share-ipc") == 0) {
            cfg->share_ipc = 1;
        } else if (strcmp(arg, "--root") == 0) {
            NEED(1); cfg->root = argv[++i];
        } else if (strcmp(arg, "--chdir") == 0) {
            NEED(1); cfg->chdir_to = argv[++i];
        } else if (strcmp(arg, "--pid-file") == 0) {
            NEED(1); cfg->pid_file = argv[++i];
        } else if (strcmp(arg, "--remove-after") == 0) {
            NEED(1); cfg->remove_after = argv[++i];
        } else if (strcmp(arg, "--die-with-parent") == 0) {
            cfg->die_with_parent = 1;
        } else if (strcmp(arg, "--drop-caps") == 0) {
            cfg->drop_caps = 1;
        } else if (strcmp(arg, "--dir") == 0) {
            NEED(2); ADD_OP(OP_DIR, NULL, NULL, NULL, argv[i + 1]); cfg->ops[cfg->n_ops - 1].mode = parse_mode(argv[i + 2]);
            i += 2;
        } else if (strcmp(arg, "--tmpfs") == 0) {
            NEED(2); ADD_OP(OP_TMPFS, NULL, NULL, NULL, argv[i + 1]); cfg->ops[cfg->n_ops - 1].mode = parse_mode(argv[i + 2]);
            i += 2;
        } else if (strcmp(arg, "--bind") == 0) {
            NEED(2); ADD_OP(OP_BIND, argv[i + 1], NULL, NULL, argv[i + 2]); i += 2;
        } else if (strcmp(arg, "--ro-bind") == 0) {
            NEED(2); ADD_OP(OP_RO_BIND, argv[i + 1], NULL, NULL, argv[i + 2]); i += 2;
        } else if (strcmp(arg, "--ro-bind-dir-try") == 0) {
            NEED(2); ADD_OP(OP_RO_BIND_DIR_TRY, argv[i + 1], NULL, NULL, argv[i + 2]); i += 2;
        } else if (strcmp(arg, "--overlay") == 0) {
            NEED(4); ADD_OP(OP_OVERLAY, argv[i + 1], argv[i + 2], argv[i + 3], argv[i + 4]); i += 4;
        } else if (strcmp(arg, "--symlink") == 0) {
            NEED(2); ADD_OP(OP_SYMLINK, argv[i + 1], NULL, NULL, argv[i + 2]); i += 2;
        } else if (strcmp(arg, "--proc") == 0) {
            NEED(1); ADD_OP(OP_PROC, NULL, NULL, NULL, argv[i + 1]); i += 1;
        } else if (strcmp(arg, "--copy-up-socket") == 0) {
            NEED(2); ADD_OP(OP_COPY_UP_SOCKET, argv[i + 2], NULL, NULL, argv[i + 1]); i += 2;
        } else if (strcmp(arg, "--merge-layers") == 0) {
            NEED(2);
            cfg->merge_out = argv[i + 1];
            cfg->merge_layers = &argv[i + 2];
            cfg->n_merge_layers = argc - i - 2;
            return;
        } else {
            usage(arg);
        }
#undef NEED
#undef ADD_OP
    }
    if (i >= argc) usage("no program to run");
    if (cfg->n_ops > 0 && cfg->root == NULL) usage("operations need --root");
    cfg->argv = &argv[i];
}

static void write_file(const char *path, const char *content) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) die("open %s: %s", path, strerror(errno));
    ssize_t len = (ssize_t)strlen(content);
    if (write(fd, content, len) != len) die("write %s: %s", path, strerror(errno));
    close(fd);
}

/* The end of every error whose cause is how the host is set up, which 'trydeb doctor'
 * examines (ErrorText.SEE_DOCTOR on the Java side). */
#define SEE_DOCTOR " (run 'trydeb doctor' for details)"

static void explain_userns_failure(int err) {
    const char *hint = "";
    if (access("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", F_OK) == 0)
        hint = " (AppArmor restricts unprivileged user namespaces: "
               "kernel.apparmor_restrict_unprivileged_userns=1 and no profile allows 'userns' for trydeb-sandbox)";
    else if (access("/proc/sys/kernel/unprivileged_userns_clone", F_OK) == 0)
        hint = " (check the sysctl kernel.unprivileged_userns_clone, it must be 1)";
    if (err == ENOSPC) hint = " (the sysctl user.max_user_namespaces is 0 or exhausted)";
    die("cannot create a user namespace: %s%s" SEE_DOCTOR, strerror(err), hint);
}

static int run_and_wait(char *const argv[]) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execv(argv[0], argv);
        fprintf(stderr, "trydeb: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* newuidmap is setuid root and must run outside the new namespace, so a child forked
 * before unshare() writes our mapping once we have unshared. */
static void map_full(const struct config *cfg) {
    int sync[2];
    if (pipe2(sync, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
    pid_t parent = getpid();
    uid_t uid = getuid();
    gid_t gid = getgid();
    pid_t mapper = fork();
    if (mapper < 0) die("fork: %s", strerror(errno));
    if (mapper == 0) {
        char c;
        close(sync[1]);
        if (read(sync[0], &c, 1) != 1) _exit(1);
        char p[32], u[32], g[32], su[32], sg[32], n[32];
        snprintf(p, sizeof p, "%d", (int)parent);
        snprintf(u, sizeof u, "%u", (unsigned)uid);
        snprintf(g, sizeof g, "%u", (unsigned)gid);
        snprintf(su, sizeof su, "%lu", cfg->subuid);
        snprintf(sg, sizeof sg, "%lu", cfg->subgid);
        snprintf(n, sizeof n, "%lu", cfg->count);
        char *uidmap[] = {"/usr/bin/newuidmap", p, "0", u, "1", "1", su, n, NULL};
        char *gidmap[] = {"/usr/bin/newgidmap", p, "0", g, "1", "1", sg, n, NULL};
        _exit(run_and_wait(uidmap) == 0 && run_and_wait(gidmap) == 0 ? 0 : 1);
    }
    close(sync[0]);
    if (unshare(CLONE_NEWUSER) < 0) {
        int err = errno;
        kill(mapper, SIGKILL);
        explain_userns_failure(err);
    }
    if (write(sync[1], "x", 1) != 1) die("sync with newuidmap: %s", strerror(errno));
    close(sync[1]);
    int status;
    while (waitpid(mapper, &status, 0) < 0)
        if (errno != EINTR) die("wait for newuidmap: %s", strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("newuidmap/newgidmap could not map the subordinate ids %lu/%lu (+%lu) of /etc/subuid and /etc/subgid" SEE_DOCTOR,
            cfg->subuid, cfg->subgid, cfg->count);
    if (setgroups(0, NULL) < 0) die("setgroups: %s", strerror(errno));
}

static void map_single(int as_root) {
    char map[64];
    uid_t uid = getuid();
    gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER) < 0) explain_userns_failure(errno);
    write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "%u %u 1\n", as_root ? 0 : (unsigned)uid, (unsigned)uid);
    write_file("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "%u %u 1\n", as_root ? 0 : (unsigned)gid, (unsigned)gid);
    write_file("/proc/self/gid_map", map);
}

/* Takes FILE's lock shared; 0, or -1 if a writer holds it. The descriptor stays open
 * (close-on-exec) in this process for the sandbox's lifetime. */
static int try_shared_lock(const char *file) {
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open lock %s: %s", file, strerror(errno));
    struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_OFD_SETLK, &fl) == 0) return 0;
    if (errno != EAGAIN && errno != EACCES) die("lock %s: %s", file, strerror(errno));
    close(fd);
    return -1;
}

static void take_shared_lock(const char *file) {
    if (try_shared_lock(file) < 0) {
        fprintf(stderr, "trydeb: the environment is being changed by another trydeb process (lock %s); "
                        "try again when it has finished\n", file);
        _exit(EXIT_BUSY);
    }
}

/* ---- The fast path of 'trydeb run' -----------------------------------------------------
 * For "trydeb [--env NAME] run PKG [[--] ARGS...]" (or "run --exec NAME [-- ARGS...]") whose
 * plan an earlier run saved (FILE, format in SavedRun.java), bin/trydeb starts "trydeb-sandbox --saved-run FILE LAUNCHER K
 * WORD...", WORD... being its own arguments and the last K of them the program's. The plan
 * is used only while everything it was computed from is unchanged; otherwise, or if it
 * cannot be read, the launcher starts again with TRYDEB_NO_FAST_RUN set and Java plans anew. */

static const char *fallback_launcher;
static char **fallback_argv;
static const char *saved_run; /* the plan in use, if any */

static void plan_with_java(void) __attribute__((noreturn));
static void plan_with_java(void) {
    setenv("TRYDEB_NO_FAST_RUN", "1", 1);
    execv(fallback_launcher, fallback_argv);
    die("cannot run %s: %s", fallback_launcher, strerror(errno));
}

static long long nanoseconds(struct timespec t) {
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* SavedRun.stamp: "DEV:INO:SIZE:MTIME_NS:CTIME_NS" of what PATH names, or "-". */
static int stamp_matches(const char *path, const char *saved) {
    struct stat st;
    char now[160] = "-";
    if (stat(path, &st) == 0)
        snprintf(now, sizeof now, "%llu:%llu:%lld:%lld:%lld", (unsigned long long)st.st_dev,
                 (unsigned long long)st.st_ino, (long long)st.st_size, nanoseconds(st.st_mtim),
                 nanoseconds(st.st_ctim));
    return strcmp(now, saved) == 0;
}

/* The real path and kind (f, d, o) a session path resolves to now, as DesktopSession sees it. */
static int real_matches(const char *path, const char *saved_real, const char *saved_kind) {
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(path, real) || lstat(real, &st) < 0) return saved_real[0] == '\0';
    const char *kind = S_ISREG(st.st_mode) ? "f" : S_ISDIR(st.st_mode) ? "d" : "o";
    return strcmp(real, saved_real) == 0 && strcmp(kind, saved_kind) == 0;
}

static int env_matches(const char *name, const char *saved) {
    const char *now = getenv(name);
    return saved ? now && strcmp(now, saved) == 0 : now == NULL;
}

/* The caller's directory when inside home, else home: Runner.workingDirectory. */
static int is_under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    return strcmp(dir, "/") == 0 || (strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/'));
}

/* The caller's directory where the sandbox shows it as the host does, else home: the same
 * rule and words as Java's Runner.workingDirectory (REPLACED_DIRECTORIES). */
static const char *working_directory(const char *home) {
    static const char *const replaced[] = {"/tmp", "/root", "/home", "/proc"};
    static char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return home;
    if (is_under(cwd, home)) return cwd;
    for (size_t i = 0; i < sizeof replaced / sizeof replaced[0]; i++)
        if (is_under(cwd, replaced[i])) {
            fprintf(stderr, "trydeb: %s is not shown inside the sandbox; starting in %s\n", cwd, home);
            return home;
        }
    return cwd;
}

/* The saved file, NUL-terminated fields in fields[0..*count). Any problem: NULL. */
static char **read_fields(int fd, int *count) {
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 022) != 0
        || st.st_size <= 0 || st.st_size > (16 << 20))
        return NULL;
    char *data = malloc((size_t)st.st_size);
    if (!data) return NULL;
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
        if (n <= 0) return NULL;
        got += (size_t)n;
    }
    if (data[got - 1] != '\0') return NULL;
    int n = 0;
    for (size_t i = 0; i < got; i++) n += data[i] == '\0';
    char **fields = malloc(sizeof(char *) * (size_t)n);
    if (!fields) return NULL;
    fields[0] = data;
    for (size_t i = 0, k = 1; i + 1 < got; i++)
        if (data[i] == '\0') fields[k++] = data + i + 1;
    *count = n;
    return fields;
}

/* Builds cfg from the saved plan and takes the environment's lock, or hands back to Java. */
static void load_saved_run(int argc, char **argv, struct config *cfg) {
    if (argc < 5) usage("--saved-run FILE LAUNCHER K WORD...");
    const char *file = argv[2];
    char *end;
    long k = strtol(argv[4], &end, 10);
    if (*end != '\0' || k < 0 || k > argc - 5) usage("--saved-run: bad argument count");
    fallback_launcher = argv[3];
    argv[4] = argv[3];
    fallback_argv = &argv[4]; /* the launcher, then its own arguments */
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) plan_with_java();
    int n = 0;
    char **f = read_fields(fd, &n);
    if (!f || strcmp(f[0], "trydeb-run-cache 1") != 0) plan_with_java();
    const char *home = NULL, *set[16][2];
    int n_set = 0, i = 1;
#define FIELDS(c) do { if (i + (c) > n) plan_with_java(); } while (0)
    while (i < n) {
        const char *kind = f[i++];
        if (strcmp(kind, "file") == 0) {
            FIELDS(2);
            if (!stamp_matches(f[i], f[i + 1])) plan_with_java();
            i += 2;
        } else if (strcmp(kind, "real") == 0) {
            FIELDS(3);
            if (!real_matches(f[i], f[i + 1], f[i + 2])) plan_with_java();
            i += 3;
        } else if (strcmp(kind, "env") == 0 || strcmp(kind, "unset") == 0) {
            int has_value = kind[0] == 'e';
            FIELDS(1 + has_value);
            if (!env_matches(f[i], has_value ? f[i + 1] : NULL)) plan_with_java();
            i += 1 + has_value;
        } else if (strcmp(kind, "set") == 0) {
            FIELDS(2);
            if (n_set == 16) plan_with_java();
            set[n_set][0] = f[i];
            set[n_set++][1] = f[i + 1];
            i += 2;
        } else if (strcmp(kind, "launcher") == 0) {
            FIELDS(1);
            if (strcmp(f[i++], fallback_launcher) != 0) plan_with_java();
        } else if (strcmp(kind, "helper") == 0) {
            FIELDS(1);
            /* A plan is only for the helper that trydeb's jar of that time went with. */
            if (!stamp_matches("/proc/self/exe", f[i++])) plan_with_java();
        } else if (strcmp(kind, "home") == 0) {
            FIELDS(1);
            home = f[i++];
        } else if (strcmp(kind, "args") == 0) {
            FIELDS(1);
            long saved = strtol(f[i++], &end, 10);
            if (*end != '\0' || saved <= 0 || saved != n - i || !home) plan_with_java();
            char **words = malloc(sizeof(char *) * (size_t)(saved + k + 2));
            if (!words) plan_with_java();
            words[0] = argv[0];
            memcpy(words + 1, f + i, sizeof(char *) * (size_t)saved);
            memcpy(words + 1 + saved, argv + argc - k, sizeof(char *) * (size_t)k);
            words[1 + saved + k] = NULL;
            parse_args((int)(1 + saved + k), words, cfg);
            i = n;
        } else {
            plan_with_java();
        }
    }
#undef FIELDS
    if (!cfg->argv || !cfg->lock_file) plan_with_java();
    for (int o = 0; o < cfg->n_ops; o++) {
        const struct op *op = &cfg->ops[o];
        /* Java creates the writable directories before it starts the helper; reset deletes them. */
        if (op->kind == OP_OVERLAY && (access(op->b, F_OK) < 0 || access(op->c, F_OK) < 0)) plan_with_java();
    }
    if (try_shared_lock(cfg->lock_file) < 0) plan_with_java(); /* Java explains who holds it */
    /* Every exclusive lock of the environment deletes the saved plans: still linked under the
     * shared lock means nothing changed the environment since the plan was saved. */
    struct stat st;
    if (fstat(fd, &st) < 0 || st.st_nlink == 0) plan_with_java();
    close(fd);
    cfg->chdir_to = working_directory(home);
    for (int s = 0; s < n_set; s++) setenv(set[s][0], set[s][1], 1);
    saved_run = file;
}

/* A sandbox that could not be set up from a saved plan (something its stamps do not cover,
 * such as a store directory deleted by hand) must not fail again the same way: the next
 * run plans with Java. */
static int finish(int code) {
    if (code == EXIT_SETUP && saved_run) unlink(saved_run);
    return code;
}

static char *under_root(const char *root, const char *dest) {
    if (dest[0] != '/') die("sandbox path must be absolute: %s", dest);
    size_t n = strlen(root) + strlen(dest) + 1;
    char *p = malloc(n);
    if (!p) die("out of memory");
    snprintf(p, n, "%s%s", root, strcmp(dest, "/") == 0 ? "" : dest);
    return p;
}

static void mkdirs(char *path, mode_t mode) {
    for (char *s = path + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST) die("mkdir %s: %s", path, strerror(errno));
        *s = '/';
    }
    if (mkdir(path, mode) < 0 && errno != EEXIST) die("mkdir %s: %s", path, strerror(errno));
}

static void make_mount_point(char *target, const char *source) {
    struct stat st;
    if (source != NULL && stat(source, &st) == 0 && !S_ISDIR(st.st_mode)) {
        /* A file that is already there (a socket seen through an overlay) is the mount point:
         * opening a socket fails with ENXIO. */
        if (lstat(target, &st) == 0) return;
        char *slash = strrchr(target, '/');
        *slash = '\0';
        mkdirs(target, 0755);
        *slash = '/';
        int fd = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0 && errno != EEXIST) die("create mount point %s: %s", target, strerror(errno));
        if (fd >= 0) close(fd);
    } else {
        mkdirs(target, 0755);
    }
}

/* In a user namespace a remount must keep the flags the kernel locked on the original
 * mount (nosuid, nodev, noexec, atime), or it fails with EPERM. */
static unsigned long locked_flags(const char *path) {
    struct statvfs sv;
    if (statvfs(path, &sv) < 0) return 0;
    unsigned long f = 0;
    if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
    return f;
}

/* A recursive bind of op's source on target, read-only if asked (the top mount only). */
static void bind_mount(const struct op *op, const char *target, int read_only) {
    if (mount(op->a, target, NULL, MS_BIND | MS_REC, NULL) < 0)
        die("bind %s on %s: %s", op->a, op->dest, strerror(errno));
    if (read_only && mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | locked_flags(target), NULL) < 0)
        die("read-only remount of %s: %s", op->dest, strerror(errno));
}

/* The length of the directory prefix that PATH shares with BASE (BASE's first LEN bytes). */
static size_t common_dir(const char *base, size_t len, const char *path) {
    size_t i = 0, dir = 0;
    while (i < len && base[i] == path[i]) {
        if (base[i] == '/') dir = i;
        i++;
    }
    if (i == len && (path[i] == '/' || path[i] == '\0')) dir = len;
    return dir;
}

/* Appends PATH to OUT, relative to the current directory BASE (of length LEN) when under it. */
static void append_path(char *out, size_t n, const char *base, size_t len, const char *path) {
    size_t used = strlen(out);
    if (len > 1 && strncmp(path, base, len) == 0 && path[len] == '/') path += len + 1;
    snprintf(out + used, n - used, "%s", path);
}

/* mount(2) takes all options as one page: a deep stack of layers named by absolute paths
 * overflows it. Paths under the directory the upper, the work dir and every layer share
 * (the environment's, in the store) are given relative to it, after a chdir there; the
 * last lower (the host's own directory) stays absolute. */
static char *overlay_options(const struct op *op) {
    char *lowers = strdup(op->a);
    if (!lowers) die("out of memory");
    const char *base = op->b;
    size_t len = common_dir(base, strlen(base), op->c);
    char *last = strrchr(lowers, ':');
    for (char *l = lowers, *next; last && l <= last; l = next + 1) {
        next = strchr(l, ':');
        *next = '\0';
        len = common_dir(base, len, l);
        *next = ':';
    }
    char *dir = strndup(base, len ? len : 1);
    if (!dir) die("out of memory");
    if (chdir(dir) < 0) die("chdir %s: %s", dir, strerror(errno));
    free(dir);
    size_t n = strlen(op->a) + strlen(op->b) + strlen(op->c) + 64;
    char *opts = malloc(n);
    if (!opts) die("out of memory");
    snprintf(opts, n, "lowerdir=");
    char *l = lowers;
    for (char *next; (next = strchr(l, ':')) != NULL; l = next + 1) {
        *next = '\0';
        append_path(opts, n, base, len, l);
        strncat(opts, ":", n - strlen(opts) - 1);
    }
    append_path(opts, n, base, len, l);
    strncat(opts, ",upperdir=", n - strlen(opts) - 1);
    append_path(opts, n, base, len, op->b);
    strncat(opts, ",workdir=", n - strlen(opts) - 1);
    append_path(opts, n, base, len, op->c);
    /* userxattr: without it an unprivileged overlay mounts but rmdir of lower dirs gives EIO. */
    strncat(opts, ",userxattr", n - strlen(opts) - 1);
    free(lowers);
    return opts;
}

static void run_op(const char *root, const struct op *op) {
    char *target = under_root(root, op->dest);
    switch (op->kind) {
    case OP_DIR:
        mkdirs(target, op->mode);
        if (chmod(target, op->mode) < 0) die("chmod %s: %s", op->dest, strerror(errno));
        break;
    case OP_TMPFS: {
        char opts[32];
        snprintf(opts, sizeof opts, "mode=%o", op->mode);
        mkdirs(target, 0755);
        if (mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
            die("tmpfs on %s: %s", op->dest, strerror(errno));
        break;
    }
    case OP_BIND:
    case OP_RO_BIND:
        make_mount_point(target, op->a);
        bind_mount(op, target, op->kind == OP_RO_BIND);
        break;
    case OP_RO_BIND_DIR_TRY: {
        /* A saved plan outlives the host's directories: one removed or replaced since then is
         * left to the overlay below, which shows the host as it is now. */
        struct stat src, dst;
        if (lstat(op->a, &src) == 0 && S_ISDIR(src.st_mode) && lstat(target, &dst) == 0 && S_ISDIR(dst.st_mode))
            bind_mount(op, target, 1);
        break;
    }
    case OP_OVERLAY: {
        mkdirs(target, 0755);
        char *opts = overlay_options(op);
        if (mount("overlay", target, "overlay", 0, opts) < 0) {
            int err = errno;
            die("overlay on %s (%s): %s%s", op->dest, opts, strerror(err),
                err == EINVAL ? " (the trydeb store must be on a filesystem that supports user xattrs, "
                                "e.g. ext4, xfs, btrfs or tmpfs; set XDG_DATA_HOME to move it)" SEE_DOCTOR : "");
        }
        free(opts);
        break;
    }
    case OP_SYMLINK: {
        char *slash = strrchr(target, '/');
        *slash = '\0';
        mkdirs(target, 0755);
        *slash = '/';
        if (symlink(op->a, target) < 0 && errno != EEXIST)
            die("symlink %s -> %s: %s", op->dest, op->a, strerror(errno));
        break;
    }
    case OP_COPY_UP_SOCKET:
        /* The socket is made once "/" is the new root: a path under the old one can exceed a
         * socket's 108 bytes. The log is the host's, out of the program's sight. */
        if (copy_up_path) die("--copy-up-socket given twice");
        copy_up_path = op->dest;
        copy_up_log = open(op->a, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (copy_up_log < 0) die("copy-up log %s: %s", op->a, strerror(errno));
        break;
    case OP_PROC:
        mkdirs(target, 0555);
        if (mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
            die("proc on %s: %s", op->dest, strerror(errno));
        break;
    }
    free(target);
}

static void enter_new_root(const char *root) {
    if (chdir(root) < 0) die("chdir %s: %s", root, strerror(errno));
    /* pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves
     * the sandbox with no path back to the host's file system. */
    if (syscall(SYS_pivot_root, ".", ".") < 0) die("pivot_root %s: %s", root, strerror(errno));
    if (umount2(".", MNT_DETACH) < 0) die("detach the old root: %s", strerror(errno));
    /* Bindable again (see above): a program inside may bind "/" for a sandbox of its own. */
    if (mount(NULL, "/", NULL, MS_PRIVATE, NULL) < 0) die("make / private: %s", strerror(errno));
    if (chdir("/") < 0) die("chdir /: %s", strerror(errno));
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | locked_flags("/"), NULL) < 0)
        die("read-only remount of /: %s", strerror(errno));
}

static void drop_capabilities(void) {
    int last = 40;
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    if (f) {
        if (fscanf(f, "%d", &last) != 1) last = 40;
        fclose(f);
    }
    for (int cap = 0; cap <= last; cap++)
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
            die("drop capability %d: %s", cap, strerror(errno));
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        die("clear ambient capabilities: %s", strerror(errno));
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die("no_new_privs: %s", strerror(errno));
}

/* Removes a tree written inside a sandbox: overlayfs leaves a mode-000 work directory. */
static void remove_tree_at(int dirfd, const char *name) {
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) return;
    if (S_ISDIR(st.st_mode)) {
        if (fchmodat(dirfd, name, 0700, 0) < 0) {
            /* best effort: if the directory stays unreadable, openat below fails and it is left */
        }
        int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            DIR *dir = fdopendir(fd);
            if (dir) {
                struct dirent *e;
                while ((e = readdir(dir)) != NULL)
                    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) remove_tree_at(fd, e->d_name);
                closedir(dir);
            } else {
                close(fd);
            }
        }
        if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0)
            fprintf(stderr, "trydeb: could not remove the throwaway layer %s: %s\n", name, strerror(errno));
    } else {
        unlinkat(dirfd, name, 0);
    }
}

static void bring_up_loopback(void) {
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0) die("socket for loopback: %s", strerror(errno));
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0) die("loopback flags: %s", strerror(errno));
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0) die("bring up loopback: %s", strerror(errno));
    close(sock);
}

/* TIOCSTI pushes characters into a terminal's input queue: a sandboxed program could type
 * commands into the shell that started trydeb (TIOCLINUX can do the same on a console).
 * ioctl has a number per ABI (x86_64, x32, i386); only the low 32 bits of the request count. */
static void block_terminal_injection(void) {
#if defined(__x86_64__)
    struct sock_filter filter[] = {
        /* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        /* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 2, 0),
        /* 2 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 4, 0),
        /* 3 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 4 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        /* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 16 /* x86_64 ioctl */, 4, 0),
        /* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x40000000 | 514 /* x32 ioctl */, 3, 2),
        /* 7 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        /* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 54 /* i386 ioctl */, 1, 0),
        /* 9 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 10 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1])),
        /* 11 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TIOCSTI, 2, 0),
        /* 12 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TIOCLINUX, 1, 0),
        /* 13 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 14 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    };
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
        die("seccomp filter: %s", strerror(errno));
#else
#error "block_terminal_injection: write the seccomp filter for this architecture"
#endif
}

static int status_to_exit(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return EXIT_SETUP;
}

static void forward_to_program(int sig, siginfo_t *info, void *context) {
    (void)info, (void)context;
    if (program_pid > 0) kill(program_pid, sig);
}

/* PID 1's handler. A sender outside this PID namespace (the waiter, the user's shell)
 * shows as si_pid 0 here; one inside (a maintainer script) does not, and is ignored. */
static void forward_from_outside(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (info->si_pid == 0 && program_pid > 0) kill(program_pid, sig);
}

static void forward_to_init(int sig, siginfo_t *info, void *context) {
    (void)info, (void)context;
    if (init_pid > 0) kill(init_pid, sig);
}

/* Terminal-generated signals reach the whole foreground process group, the program
 * included; the waiters ignore them and let the program decide. Others are forwarded. */
static void set_waiter_signals(void (*forward)(int, siginfo_t *, void *)) {
    struct sigaction ign = {.sa_handler = SIG_IGN};
    sigaction(SIGINT, &ign, NULL);
    sigaction(SIGQUIT, &ign, NULL);
    struct sigaction fwd = {.sa_sigaction = forward, .sa_flags = SA_SIGINFO};
    sigemptyset(&fwd.sa_mask);
    int forwarded[] = {SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH};
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaction(forwarded[i], &fwd, NULL);
}

static void reset_signals(void) {
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static void exec_program(const struct config *cfg) {
    reset_signals();
    if (cfg->chdir_to && chdir(cfg->chdir_to) < 0) {
        fprintf(stderr, "trydeb: cannot enter %s inside the sandbox (%s); starting in /\n",
                cfg->chdir_to, strerror(errno));
        if (chdir("/") < 0) _exit(EXIT_SETUP);
    }
    if (cfg->drop_caps) drop_capabilities();
    block_terminal_injection();
    execvp(cfg->argv[0], cfg->argv);
    int err = errno;
    fprintf(stderr, "trydeb: cannot run %s inside the environment: %s\n", cfg->argv[0], strerror(err));
    _exit(err == ENOENT ? 127 : 126);
}

/* The programs started with --join that still run, up to MAX of them in PIDS, and how many
 * there are: their parent, the joining helper, is outside this PID namespace, so they show
 * PPid 0 here; one that has exited but that its helper has not reaped yet (a zombie) no
 * longer counts. Daemons the programs left behind are reparented to PID 1 (PPid 1) and do not
 * keep the sandbox alive. */
static int joined_programs(pid_t *pids, int max) {
    DIR *proc = opendir("/proc");
    if (!proc) return 0;
    int found = 0;
    struct dirent *e;
    while ((e = readdir(proc)) != NULL) {
        char *end, path[300], line[128];
        long pid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 1) continue;
        snprintf(path, sizeof path, "/proc/%ld/status", pid);
        FILE *f = fopen(path, "re");
        if (!f) continue;
        int exited = 0;
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "State:", 6) == 0) {
                exited = strchr(line + 6, 'Z') != NULL || strchr(line + 6, 'X') != NULL;
            } else if (strncmp(line, "PPid:", 5) == 0) {
                if (atol(line + 5) == 0 && !exited) {
                    if (found < max) pids[found] = (pid_t)pid;
                    found++;
                }
                break;
            }
        }
        fclose(f);
    }
    closedir(proc);
    return found;
}

static int joined_alive(void) {
    return joined_programs(NULL, 0) > 0;
}

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#define MAX_WATCHED 64

/* After the first program exited: reap whatever is reparented to us, and end when the last
 * joined program has (the kernel then kills any daemon left). The first caller has its
 * status already and is gone. Each joined program is watched through a pidfd, so that PID 1,
 * and the environment's lock it holds, end as soon as the last one exits: with a pause
 * between looks instead, an install started right after the last 'trydeb run' returned found
 * the environment busy. The timeout reaps the daemons' orphans; more programs than are
 * watched, or a kernel without pidfd_open (before 5.3), fall back to looking every 200 ms. */
static void linger_while_joined(void) {
    for (;;) {
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
        pid_t pids[MAX_WATCHED];
        int n = joined_programs(pids, MAX_WATCHED);
        if (n == 0) return;
        struct pollfd fds[MAX_WATCHED];
        int watched = 0, gone = 0;
        for (int i = 0; i < n && i < MAX_WATCHED; i++) {
            int fd = (int)syscall(SYS_pidfd_open, pids[i], 0);
            if (fd >= 0) fds[watched++] = (struct pollfd){.fd = fd, .events = POLLIN};
            else if (errno == ESRCH) gone = 1;
        }
        if (gone) {
            /* one ended between the look and the pidfd: look again at once */
        } else if (watched == n) {
            poll(fds, (nfds_t)watched, 1000);
        } else {
            struct timespec pause = {.tv_sec = 0, .tv_nsec = 200 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
        for (int i = 0; i < watched; i++) close(fds[i].fd);
    }
}

/* Writes to FILE (a nested namespace's uid_map or gid_map) the identity of every range
 * this namespace maps: the nested root is this namespace's root, and owners keep their ids. */
static void write_identity_map(const char *own, const char *file) {
    char map[4096], line[128];
    size_t len = 0;
    FILE *f = fopen(own, "re");
    if (!f) die("open %s: %s", own, strerror(errno));
    unsigned long first, lower, count;
    while (fgets(line, sizeof line, f) && sscanf(line, "%lu %lu %lu", &first, &lower, &count) == 3)
        len += (size_t)snprintf(map + len, sizeof map - len, "%lu %lu %lu\n", first, first, count);
    fclose(f);
    if (len == 0 || len >= sizeof map) die("cannot read the sandbox's mapping from %s", own);
    write_file(file, map);
}

/* The program's side of the nested namespaces (see the top of this file): a user namespace
 * that PID 1 maps, then a mount namespace owned by it, in which the kernel locks every
 * mount it copies. */
static void enter_nested_namespaces(int ready_fd, int mapped_fd) {
    char c;
    if (unshare(CLONE_NEWUSER) < 0) die("nested user namespace: %s", strerror(errno));
    if (write(ready_fd, "x", 1) != 1 || read(mapped_fd, &c, 1) != 1) _exit(EXIT_SETUP);
    close(ready_fd);
    close(mapped_fd);
    if (unshare(CLONE_NEWNS) < 0) die("nested mount namespace: %s", strerror(errno));
}

/* PID 1's side: once the program has its nested user namespace, map it onto this one. */
static void map_nested(pid_t program, int ready_fd, int mapped_fd) {
    char c, file[64], self[16] = {0};
    /* The program's pid is this PID namespace's: /proc must be the sandbox's own. */
    if (readlink("/proc/self", self, sizeof self - 1) < 0 || strcmp(self, "1") != 0)
        die("the sandbox's /proc is not its own (no --proc /proc operation)");
    if (read(ready_fd, &c, 1) != 1) return; /* the program died; its status says why */
    snprintf(file, sizeof file, "/proc/%d/uid_map", (int)program);
    write_identity_map("/proc/self/uid_map", file);
    snprintf(file, sizeof file, "/proc/%d/gid_map", (int)program);
    write_identity_map("/proc/self/gid_map", file);
    if (write(mapped_fd, "x", 1) != 1) die("sync with the program: %s", strerror(errno));
    close(ready_fd);
    close(mapped_fd);
}

/* Forked once /proc is the sandbox's: it names the program's processes by their pids here.
 * Reaped by PID 1 like any orphan; the kernel ends it with the PID namespace. */
static void start_copy_up_supervisor(const char *path) {
    char *parent = strdup(path), *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        mkdirs(parent, 0755);
    }
    free(parent);
    int socket = copy_up_listen(path);
    if (socket < 0) die("copy-up socket %s: %s", path, strerror(errno));
    if (copy_up_start_supervisor(socket, copy_up_log) < 0) die("fork: %s", strerror(errno));
    close(socket);
    close(copy_up_log);
}

static int init_main(const struct config *cfg, int outer_alive_fd, int status_fd) {
    /* The outer waiter is in the parent PID namespace, so getppid() is 0 here; the pipe
     * it holds open tells us instead whether it died before PDEATHSIG was armed. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) die("prctl: %s", strerror(errno));
    struct pollfd alive = {.fd = outer_alive_fd, .events = POLLIN};
    if (poll(&alive, 1, 0) != 0) _exit(EXIT_SETUP);
    close(outer_alive_fd);
    if (cfg->root) {
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
            die("make mounts private: %s", strerror(errno));
        if (mount("tmpfs", cfg->root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0)
            die("tmpfs root on %s: %s", cfg->root, strerror(errno));
        /* A recursive bind of a directory above the new root (the home holding the trydeb
         * store) would copy every mount made below it; an unbindable mount is left out. */
        if (mount(NULL, cfg->root, NULL, MS_UNBINDABLE, NULL) < 0)
            die("make %s unbindable: %s", cfg->root, strerror(errno));
        for (int i = 0; i < cfg->n_ops; i++) run_op(cfg->root, &cfg->ops[i]);
        enter_new_root(cfg->root);
    }
    if (cfg->unshare_net) bring_up_loopback();
    /* Without a root of ours there is no mount to lock (the helper then only removes a layer). */
    int nest = !cfg->drop_caps && cfg->root, ready[2] = {-1, -1}, mapped[2] = {-1, -1};
    if (nest && (pipe2(ready, O_CLOEXEC) < 0 || pipe2(mapped, O_CLOEXEC) < 0)) die("pipe: %s", strerror(errno));
    if (copy_up_path && nest) start_copy_up_supervisor(copy_up_path);
    set_waiter_signals(forward_from_outside);
    program_pid = fork();
    if (program_pid < 0) die("fork: %s", strerror(errno));
    if (program_pid == 0) {
        if (nest) {
            close(ready[0]);
            close(mapped[1]);
            enter_nested_namespaces(ready[1], mapped[0]);
        }
        exec_program(cfg);
    }
    if (nest) {
        close(ready[1]);
        close(mapped[0]);
        map_nested(program_pid, ready[0], mapped[1]);
    }
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            return EXIT_SETUP;
        }
        if (pid != program_pid) continue;
        int code = status_to_exit(status);
        /* Returning ends PID 1, and the kernel then kills whatever the program left behind:
         * so it does unless programs started with --join still run. Then it tells the first
         * caller its status, outlives it (no more PDEATHSIG), and ends with the last one. */
        if (status_fd < 0 || !joined_alive()) return code;
        if (prctl(PR_SET_PDEATHSIG, 0) < 0) return code;
        if (write(status_fd, &code, sizeof code) != (ssize_t)sizeof code) return code;
        close(status_fd);
        linger_while_joined();
        return code;
    }
}

/* "PID USERNS" of the sandbox, written atomically; USERNS proves a PID was not reused. */
static void write_pid_file(const char *file, pid_t pid) {
    char link[64], ns[128], tmp[4096], line[200];
    snprintf(link, sizeof link, "/proc/%d/ns/user", (int)pid);
    ssize_t n = readlink(link, ns, sizeof ns - 1);
    if (n < 0) die("readlink %s: %s", link, strerror(errno));
    ns[n] = '\0';
    if (snprintf(tmp, sizeof tmp, "%s.new", file) >= (int)sizeof tmp) die("pid file path too long");
    int len = snprintf(line, sizeof line, "%d %s\n", (int)pid, ns);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, line, (size_t)len) != len || close(fd) < 0 || rename(tmp, file) < 0)
        die("write %s: %s", file, strerror(errno));
}

/* Removes the pid file if it still names this sandbox (a later one may have replaced it). */
static void remove_pid_file(const char *file, pid_t pid) {
    char line[200] = {0};
    FILE *f = fopen(file, "re");
    if (!f) return;
    int ours = fgets(line, sizeof line, f) && atoi(line) == (int)pid;
    fclose(f);
    if (ours) unlink(file);
}

/* The PID 1 the pid file names, if that process still has the recorded user namespace. */
static long running_sandbox(const char *file) {
    char line[200] = {0}, recorded[128], path[64], ns[128];
    long pid;
    FILE *f = fopen(file, "re");
    if (!f) return 0;
    int ok = fgets(line, sizeof line, f) && sscanf(line, "%ld %127s", &pid, recorded) == 2 && pid > 1;
    fclose(f);
    if (!ok) return 0;
    snprintf(path, sizeof path, "/proc/%ld/ns/user", pid);
    ssize_t n = readlink(path, ns, sizeof ns - 1);
    if (n < 0) return 0;
    ns[n] = '\0';
    return strcmp(ns, recorded) == 0 ? pid : 0;
}

#define JOIN_GONE (-1)

/* Enters the namespaces and root of the running sandbox whose PID 1 is pid. Returns
 * JOIN_GONE, having changed nothing, if the sandbox ended before it could be entered. */
static int join_main(const struct config *cfg, long pid) {
    char path[64];
    /* Read and open everything first: after setns(mnt), /proc is the sandbox's. */
    static const struct { const char *name; int type; } kinds[] = {
        {"user", CLONE_NEWUSER}, {"mnt", CLONE_NEWNS}, {"uts", CLONE_NEWUTS},
        {"ipc", CLONE_NEWIPC}, {"net", CLONE_NEWNET}, {"pid", CLONE_NEWPID}};
    int fds[6], same[6];
    for (int k = 0; k < 6; k++) {
        char self[64], mine[128], theirs[128];
        snprintf(self, sizeof self, "/proc/self/ns/%s", kinds[k].name);
        snprintf(path, sizeof path, "/proc/%ld/ns/%s", pid, kinds[k].name);
        ssize_t a = readlink(self, mine, sizeof mine), b = readlink(path, theirs, sizeof theirs);
        /* setns into a namespace one is already in fails (EINVAL for user, EPERM for the
         * host's network namespace, owned by the host's user namespace). */
        same[k] = a > 0 && a == b && memcmp(mine, theirs, (size_t)a) == 0;
        fds[k] = open(path, O_RDONLY | O_CLOEXEC);
        if (fds[k] < 0 && (errno == ENOENT || errno == ESRCH)) {
            while (k-- > 0) close(fds[k]);
            return JOIN_GONE;
        }
        if (fds[k] < 0) die("open %s: %s", path, strerror(errno));
    }
    snprintf(path, sizeof path, "/proc/%ld/root", pid);
    int root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0 && (errno == ENOENT || errno == ESRCH)) {
        for (int k = 0; k < 6; k++) close(fds[k]);
        return JOIN_GONE;
    }
    if (root < 0) die("open %s: %s", path, strerror(errno));
    for (int k = 0; k < 6; k++) {
        if (!same[k] && setns(fds[k], kinds[k].type) < 0)
            die("enter the sandbox's %s namespace: %s", kinds[k].name, strerror(errno));
        close(fds[k]);
    }
    if (fchdir(root) < 0 || chroot(".") < 0) die("enter the sandbox's root: %s", strerror(errno));
    close(root);
    set_waiter_signals(forward_to_program);
    program_pid = fork(); /* the child is in the sandbox's PID namespace */
    if (program_pid < 0 && errno == ENOMEM) die("the sandbox ended while this program joined it; run it again");
    if (program_pid < 0) die("fork: %s", strerror(errno));
    if (program_pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) _exit(EXIT_SETUP);
        exec_program(cfg);
    }
    int status;
    while (waitpid(program_pid, &status, 0) < 0)
        if (errno != EINTR) die("wait: %s", strerror(errno));
    return status_to_exit(status);
}

/* Only stdin, stdout and stderr may reach the program: a descriptor its caller left open
 * (a directory on the host, say) would reach past the sandbox. The JVM marks its own
 * close-on-exec before it execs this helper; the launcher's fast path execs it directly. */
static void close_inherited_descriptors(void) {
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
    DIR *fds = opendir("/proc/self/fd"); /* kernels before 5.11 */
    if (!fds) die("open /proc/self/fd: %s", strerror(errno));
    struct dirent *e;
    while ((e = readdir(fds)) != NULL) {
        int fd = atoi(e->d_name);
        if (fd > 2 && fd != dirfd(fds)) fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    closedir(fds);
}

/* --print-ops: the arguments as parsed, one line each, and nothing done: trydeb's tests hold
 * MountOp's flags against this parser without namespaces (HelperArgumentsTest). */
static int print_ops(const struct config *cfg) {
    static const char *const MAPS[] = {"none", "root", "user", "full"};
    printf("map %s", MAPS[cfg->map]);
    if (cfg->map == MAP_FULL) printf(" %lu %lu %lu", cfg->subuid, cfg->subgid, cfg->count);
    printf("\nflags%s%s%s%s\n", cfg->unshare_net ? " unshare-net" : "", cfg->share_ipc ? " share-ipc" : "",
           cfg->drop_caps ? " drop-caps" : "", cfg->die_with_parent ? " die-with-parent" : "");
    const char *const named[][2] = {{"root", cfg->root}, {"chdir", cfg->chdir_to}, {"lock-shared", cfg->lock_file},
                                    {"pid-file", cfg->pid_file}, {"remove-after", cfg->remove_after}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i][1]) printf("%s %s\n", named[i][0], named[i][1]);
    for (int i = 0; i < cfg->n_ops; i++) {
        const struct op *op = &cfg->ops[i];
        printf("op %s %s", OP_NAMES[op->kind], op->dest);
        if (op->kind == OP_DIR || op->kind == OP_TMPFS) printf(" %04o", (unsigned)op->mode);
        const char *fields[] = {op->a, op->b, op->c};
        for (int f = 0; f < 3; f++)
            if (fields[f]) printf(" %s", fields[f]);
        printf("\n");
    }
    if (cfg->merge_out) {
        printf("merge-layers %s", cfg->merge_out);
        for (int i = 0; i < cfg->n_merge_layers; i++) printf(" %s", cfg->merge_layers[i]);
        printf("\n");
    } else {
        printf("program");
        for (char **a = cfg->argv; *a; a++) printf(" %s", *a);
        printf("\n");
    }
    return fflush(stdout) == 0 ? 0 : EXIT_SETUP;
}

int main(int argc, char **argv) {
    close_inherited_descriptors();
    struct config cfg = {0};
    if (argc > 1 && strcmp(argv[1], "--print-ops") == 0) {
        parse_args(argc - 1, argv + 1, &cfg);
        return print_ops(&cfg);
    }
    if (argc > 1 && strcmp(argv[1], "--saved-run") == 0) {
        load_saved_run(argc, argv, &cfg);
    } else {
        parse_args(argc, argv, &cfg);
        if (cfg.lock_file) take_shared_lock(cfg.lock_file);
    }
    if (cfg.die_with_parent && prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) die("prctl: %s", strerror(errno));
    if (cfg.pid_file) {
        long running = running_sandbox(cfg.pid_file);
        if (running) {
            int joined = join_main(&cfg, running);
            if (joined != JOIN_GONE) return finish(joined);
            /* It ended meanwhile (and its namespaces with it): build a sandbox of our own. */
        }
    }
    switch (cfg.map) {
    case MAP_FULL: map_full(&cfg); break;
    case MAP_ROOT: map_single(1); break;
    case MAP_USER: map_single(0); break;
    case MAP_NONE: usage("--map is required");
    }
    if (cfg.merge_out) return merge_layers(cfg.merge_out, cfg.merge_layers, cfg.n_merge_layers) == 0 ? 0 : 1;
    int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS;
    if (!cfg.share_ipc) flags |= CLONE_NEWIPC;
    if (cfg.unshare_net) flags |= CLONE_NEWNET;
    int alive[2], status_pipe[2] = {-1, -1};
    if (pipe2(alive, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
    if (cfg.pid_file && pipe2(status_pipe, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
    /* clone() rather than unshare()+fork(): only the child enters the new namespaces, so
     * this waiter keeps the host's mounts (pivot_root moves every process of a mount
     * namespace) and can remove a throwaway layer once the sandbox is gone. */
    init_pid = (pid_t)syscall(SYS_clone, (unsigned long)flags | SIGCHLD, 0, 0, 0, 0);
    if (init_pid < 0)
        die("cannot create mount/PID/UTS%s namespaces: %s" SEE_DOCTOR, cfg.share_ipc ? "" : "/IPC", strerror(errno));
    if (init_pid == 0) {
        close(alive[1]);
        if (status_pipe[0] >= 0) close(status_pipe[0]);
        _exit(init_main(&cfg, alive[0], status_pipe[1]));
    }
    close(alive[0]);
    set_waiter_signals(forward_to_init);
    if (cfg.pid_file) {
        close(status_pipe[1]);
        write_pid_file(cfg.pid_file, init_pid);
        int code;
        ssize_t got;
        while ((got = read(status_pipe[0], &code, sizeof code)) < 0 && errno == EINTR) {}
        if (got == (ssize_t)sizeof code) {
            /* PID 1 stays for joined programs, and the pid file with it; once it has gone,
             * its user namespace no longer matches and the file is known to be stale. */
            return finish(code);
        }
    }
    int status;
    while (waitpid(init_pid, &status, 0) < 0)
        if (errno != EINTR) die("wait: %s", strerror(errno));
    if (cfg.pid_file) remove_pid_file(cfg.pid_file, init_pid);
    if (cfg.remove_after) remove_tree_at(AT_FDCWD, cfg.remove_after);
    return finish(status_to_exit(status));
}
