/*
 * trydeb-copy-up.so, preloaded into apt-get and dpkg in the install sandbox: every program
 * they exec (maintainer scripts, triggers, hooks; not dpkg itself) starts under the seccomp
 * filter whose stopped calls the copy-up supervisor answers (see copy-up.c). The filter is
 * installed in the forked child just before the exec and its listener sent to the
 * supervisor's socket ($TRYDEB_COPY_UP); the program and everything it starts inherit the
 * filter, so they get an environment without this library. posix_spawn is not wrapped:
 * such a child runs unfiltered, as everything did before.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "copy-up-calls.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "copy-up-preload.c: name this architecture's AUDIT_ARCH"
#endif

#define SOCKET_VARIABLE "TRYDEB_COPY_UP"
#define MAX_EXECL_ARGS 4096

extern char **environ;

/* System calls stopped whatever their arguments (the filter below tests open's and
 * openat's flags, and utimensat's path: futimens, which dpkg calls for every file, has none). */
#define NUMBER(number, dirfd, path, follow, flags) number,
#define NONE(number, dirfd, path, follow, flags)
static const int always_stopped[] = {COPY_UP_CALLS(NUMBER, NONE)};
#undef NUMBER
#undef NONE

#define N_ALWAYS ((int)(sizeof always_stopped / sizeof always_stopped[0]))
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LOW(n) (offsetof(struct seccomp_data, args[n]))
#define ARG_HIGH(n) (offsetof(struct seccomp_data, args[n]) + 4)
#else
#define ARG_LOW(n) (offsetof(struct seccomp_data, args[n]) + 4)
#define ARG_HIGH(n) (offsetof(struct seccomp_data, args[n]))
#endif

/* Every jump of a classic BPF program goes forward, so the program reads top down:
 *   0 arch, 1 native?, 2 nr, 3 openat?, 4 open?, 5 utimensat?, one test per stopped call,
 *   OTHERS (allowed); OPEN: load open's flags, skip; OPENAT: load openat's flags; CHECK:
 *   O_EXCL?, writes?; UTIMENSAT: path's low word, high word; ALLOW; NOTIFY. */
static int install_filter(void) {
    enum { FIRST_STOPPED = 6, OTHERS = FIRST_STOPPED + N_ALWAYS, OPEN = OTHERS + 1, OPENAT = OPEN + 2,
           CHECK = OPENAT + 1, UTIMENSAT = CHECK + 2, ALLOW = UTIMENSAT + 4, NOTIFY = ALLOW + 1, LENGTH = NOTIFY + 1 };
#define TO(target, pc) ((unsigned char)((target) - (pc) - 1))
#define LOAD(offset) ((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (offset)))
#define IF_EQUAL(k, then, otherwise, pc) ((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), TO(then, pc), TO(otherwise, pc)))
#define IF_ANY(bits, then, otherwise, pc) ((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (bits), TO(then, pc), TO(otherwise, pc)))
    struct sock_filter f[LENGTH];
    f[0] = LOAD(offsetof(struct seccomp_data, arch));
    f[1] = IF_EQUAL(NATIVE_ARCH, 2, ALLOW, 1);
    f[2] = LOAD(offsetof(struct seccomp_data, nr));
    f[3] = IF_EQUAL(__NR_openat, OPENAT, 4, 3);
#ifdef __NR_open
    f[4] = IF_EQUAL(__NR_open, OPEN, 5, 4);
#else
    f[4] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 0);
#endif
    f[5] = IF_EQUAL(__NR_utimensat, UTIMENSAT, 6, 5);
    for (int i = 0; i < N_ALWAYS; i++) {
        int pc = FIRST_STOPPED + i;
        f[pc] = IF_EQUAL((unsigned)always_stopped[i], NOTIFY, pc + 1, pc);
    }
    f[OTHERS] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[OPEN] = LOAD(ARG_LOW(1));
    f[OPEN + 1] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, TO(CHECK, OPEN + 1));
    f[OPENAT] = LOAD(ARG_LOW(2));
    /* O_EXCL only ever makes a new file (dpkg's .dpkg-new): nothing to copy up. */
    f[CHECK] = IF_ANY(O_EXCL, ALLOW, CHECK + 1, CHECK);
    f[CHECK + 1] = IF_ANY(O_WRONLY | O_RDWR | O_TRUNC, NOTIFY, ALLOW, CHECK + 1);
    f[UTIMENSAT] = LOAD(ARG_LOW(1));
    f[UTIMENSAT + 1] = IF_EQUAL(0, UTIMENSAT + 2, NOTIFY, UTIMENSAT + 1);
    f[UTIMENSAT + 2] = LOAD(ARG_HIGH(1));
    f[UTIMENSAT + 3] = IF_EQUAL(0, ALLOW, NOTIFY, UTIMENSAT + 3);
    f[ALLOW] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[NOTIFY] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
#undef TO
#undef LOAD
#undef IF_EQUAL
#undef IF_ANY
    struct sock_fprog prog = {.len = LENGTH, .filter = f};
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

/* Sends LISTENER over a new connection to SOCKET_PATH. Returns 0 or -1. */
static int send_listener(const char *socket_path, int listener) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path) return -1;
    strcpy(addr.sun_path, socket_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    char byte = 'l';
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &listener, sizeof(int));
    int sent = connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0 && sendmsg(fd, &msg, MSG_NOSIGNAL) == 1;
    close(fd);
    return sent ? 0 : -1;
}

/* Before an exec of FILE: 1 when the program gets the filter (and an environment without
 * us), 0 when it runs as is (dpkg, or no supervisor), -1 (errno set) when it must not run:
 * the filter is in place but no supervisor has its listener, so its stopped calls would fail. */
static int before_exec(const char *file) {
    const char *socket_path = getenv(SOCKET_VARIABLE);
    if (!socket_path || !file) return 0;
    const char *base = strrchr(file, '/');
    if (strcmp(base ? base + 1 : file, "dpkg") == 0) return 0;
    int listener = install_filter();
    if (listener < 0) return 1; /* a kernel without user notification: as before, unfiltered */
    int sent = send_listener(socket_path, listener);
    close(listener);
    if (sent < 0) {
        errno = EPERM;
        return -1;
    }
    return 1;
}

static int ours(const char *entry) {
    return strncmp(entry, "LD_PRELOAD=", 11) == 0 || strncmp(entry, SOCKET_VARIABLE "=", sizeof SOCKET_VARIABLE) == 0;
}

/* ENVP without this library's two variables, in a new array (we are about to exec). */
static char **without_us(char *const envp[]) {
    size_t n = 0;
    while (envp && envp[n]) n++;
    char **copy = malloc((n + 1) * sizeof *copy);
    if (!copy) return (char **)envp;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!ours(envp[i])) copy[kept++] = envp[i];
    copy[kept] = NULL;
    return copy;
}

typedef int (*execve_fn)(const char *, char *const[], char *const[]);

int execve(const char *path, char *const argv[], char *const envp[]) {
    static execve_fn real;
    if (!real) real = (execve_fn)dlsym(RTLD_NEXT, "execve");
    int filtered = before_exec(path);
    if (filtered < 0) return -1;
    return real(path, argv, filtered ? without_us(envp) : envp);
}

int execvpe(const char *file, char *const argv[], char *const envp[]) {
    static execve_fn real;
    if (!real) real = (execve_fn)dlsym(RTLD_NEXT, "execvpe");
    int filtered = before_exec(file);
    if (filtered < 0) return -1;
    return real(file, argv, filtered ? without_us(envp) : envp);
}

int execv(const char *path, char *const argv[]) {
    return execve(path, argv, environ);
}

int execvp(const char *file, char *const argv[]) {
    return execvpe(file, argv, environ);
}

/* The execl family's arguments after FIRST, up to the NULL, as an argv. Returns 0, or -1. */
static int collect(char **args, const char *first, va_list *ap) {
    size_t i = 0;
    args[i++] = (char *)first;
    while (args[i - 1] != NULL) {
        if (i == MAX_EXECL_ARGS) {
            errno = E2BIG;
            return -1;
        }
        args[i++] = va_arg(*ap, char *);
    }
    return 0;
}

int execl(const char *path, const char *arg, ...) {
    char *args[MAX_EXECL_ARGS];
    va_list ap;
    va_start(ap, arg);
    int ok = collect(args, arg, &ap);
    va_end(ap);
    return ok < 0 ? -1 : execve(path, args, environ);
}

int execlp(const char *file, const char *arg, ...) {
    char *args[MAX_EXECL_ARGS];
    va_list ap;
    va_start(ap, arg);
    int ok = collect(args, arg, &ap);
    va_end(ap);
    return ok < 0 ? -1 : execvpe(file, args, environ);
}

int execle(const char *path, const char *arg, ...) {
    char *args[MAX_EXECL_ARGS];
    va_list ap;
    va_start(ap, arg);
    int ok = collect(args, arg, &ap);
    char **envp = ok < 0 ? NULL : va_arg(ap, char **);
    va_end(ap);
    return ok < 0 ? -1 : execve(path, args, envp);
}
