/*
 * Copy-up on demand, for programs running as namespaced root over the host's files.
 *
 * overlayfs copies a lower file into the upper layer before the first write, rename, link,
 * chmod, chown or timestamp change, but not for a non-root mounter when the file's owner
 * has no id in the mounter's user namespace (host root, a system user): the kernel refuses
 * (EOVERFLOW, or EACCES before it even tries; the CVE-2023-0386 rule). A maintainer script
 * renaming /etc/xml/catalog to catalog.old, or sed -i on a host file, then fails where it
 * works on a real system.
 *
 * So the programs dpkg and apt start (maintainer scripts, triggers, hooks) get a seccomp
 * filter that stops exactly those system calls (and opens for writing) and lets a supervisor
 * see them first; copy-up-preload.c installs it just before they are exec'd. dpkg itself is
 * left alone: it makes three such calls per file it unpacks, never on a host file (trydeb
 * copies the files of the host packages a transaction replaces beforehand), and each stop
 * costs a round trip through the supervisor. The supervisor, in the sandbox's own user
 * and mount namespaces, looks the path up as the program would (through /proc/PID/root,
 * cwd or fd); when it names a regular file or symlink owned by an unmapped id, it copies the
 * file by hand into the same directory under a temporary name (owned by root inside, mode
 * and times kept; empty when the host file is unreadable to the user) and renames it over
 * the original, which overlayfs allows once the directory itself is in the upper layer (the
 * layer preparer puts it there). Then the kernel runs the call as the program made it, now
 * on a file the layer owns. The supervisor never refuses or changes a call: whatever it
 * could not copy fails in the kernel exactly as it would have without it.
 */
#include "copy-up.h"
#include "copy-up-calls.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_SYMLINKS 40

/* How a system call names the file that would need copying up. */
struct path_arg {
    int dirfd_arg;  /* index of the directory fd argument, or -1 (relative to the cwd) */
    int path_arg;   /* index of the path argument */
    int follow;     /* whether a symlink as last component is followed */
    int flags_arg;  /* index of an AT_* flags argument that may say AT_SYMLINK_NOFOLLOW/FOLLOW, or -1 */
};

static int describe(int nr, struct path_arg *p) {
#define DESCRIBE(number, dirfd, path, follow, flags) \
    case number: *p = (struct path_arg){dirfd, path, follow, flags}; return 1;
    switch (nr) {
        COPY_UP_CALLS(DESCRIBE, DESCRIBE)
    default: return 0;
    }
#undef DESCRIBE
}

static int receive_listener(int socket) {
    char byte;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    if (recvmsg(socket, &msg, MSG_CMSG_CLOEXEC) != 1) return -1;
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    if (!cmsg || cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS) return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
    return fd;
}

static unsigned overflow_uid = 65534, overflow_gid = 65534;
/* Where each copy is recorded, one sandbox path per line, for trydeb to drop the copies a
 * transaction left as they were (they would hide the host's later changes to those files). */
static int copy_log = -1;

static void record_copy(int dir, const char *name) {
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", dir);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0 || copy_log < 0) return;
    path[n] = '\0';
    dprintf(copy_log, "%s/%s\n", strcmp(path, "/") == 0 ? "" : path, name);
}

static unsigned read_number(const char *file, unsigned fallback) {
    unsigned value = fallback;
    FILE *f = fopen(file, "re");
    if (f) {
        if (fscanf(f, "%u", &value) != 1) value = fallback;
        fclose(f);
    }
    return value;
}

/* The NUL-terminated string at ADDR in process PID, in short reads that stop at page ends
 * (a path may end just before an unmapped page). */
static int read_string(pid_t pid, unsigned long addr, char *out, size_t size) {
    size_t got = 0;
    long page = sysconf(_SC_PAGESIZE);
    while (got < size) {
        size_t want = (size_t)page - ((addr + got) % (size_t)page);
        if (want > 512) want = 512;
        if (want > size - got) want = size - got;
        struct iovec local = {.iov_base = out + got, .iov_len = want};
        struct iovec remote = {.iov_base = (void *)(addr + got), .iov_len = want};
        ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
        if (n <= 0) return -1;
        if (memchr(out + got, '\0', (size_t)n)) return 0;
        got += (size_t)n;
    }
    return -1; /* longer than PATH_MAX: the kernel refuses it anyway */
}

/* Opens the directory holding the last component of PATH, as the program sees it from
 * BASE (its root, cwd or a directory fd, as a /proc path), and points *NAME at that
 * component. Returns the O_PATH fd, or -1. */
static int open_parent(const char *base, const char *path, char *buf, size_t size, const char **name) {
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/') len--;
    if (len == 0 || len >= size) return -1;
    memcpy(buf, path, len);
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    char dir[PATH_MAX + 64];
    if (!slash) {
        *name = buf;
        snprintf(dir, sizeof dir, "%s", base);
    } else {
        *slash = '\0';
        *name = slash + 1;
        if (snprintf(dir, sizeof dir, "%s/%s", base, buf) >= (int)sizeof dir) return -1;
    }
    if (**name == '\0' || strcmp(*name, ".") == 0 || strcmp(*name, "..") == 0) return -1;
    return open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

static int copy_contents(int from, int to) {
    for (;;) {
        ssize_t n = copy_file_range(from, NULL, to, NULL, 1 << 30, 0);
        if (n == 0) return 0;
        if (n > 0) continue;
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return -1;
        break;
    }
    char buf[65536];
    for (;;) {
        ssize_t n = read(from, buf, sizeof buf);
        if (n == 0) return 0;
        if (n < 0) return -1;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(to, buf + done, (size_t)(n - done));
            if (w < 0) return -1;
            done += w;
        }
    }
}

/* Copies DIR/NAME by hand into DIR/TMP and renames it over NAME (see the top). */
static void copy_up(int dir, const char *name, const struct stat *st) {
    static unsigned long counter;
    char tmp[64];
    snprintf(tmp, sizeof tmp, ".trydeb-copy-up.%d.%lu", (int)getpid(), ++counter);
    uid_t uid = st->st_uid == overflow_uid ? 0 : st->st_uid;
    gid_t gid = st->st_gid == overflow_gid ? 0 : st->st_gid;
    int ok;
    if (S_ISLNK(st->st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlinkat(dir, name, target, sizeof target - 1);
        if (n < 0) return;
        target[n] = '\0';
        ok = symlinkat(target, dir, tmp) == 0;
        if (ok) ok = fchownat(dir, tmp, uid, gid, AT_SYMLINK_NOFOLLOW) == 0;
    } else {
        int to = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (to < 0) return; /* the directory is not in the upper layer: nothing we can do */
        /* Unreadable to the user: the environment shows the file empty (README says so). */
        int from = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        ok = from < 0 || copy_contents(from, to) == 0;
        if (from >= 0) close(from);
        struct timespec times[2] = {st->st_atim, st->st_mtim};
        /* chown before chmod: chown clears the set-id bits. */
        if (ok) ok = fchown(to, uid, gid) == 0 && fchmod(to, st->st_mode & 07777) == 0 && futimens(to, times) == 0;
        close(to);
    }
    if (!ok || renameat(dir, tmp, dir, name) < 0) unlinkat(dir, tmp, 0);
    else record_copy(dir, name);
}

/* Whether the kernel would refuse to copy this file up: a regular file or symlink whose
 * owner or group has no id in this user namespace (stat shows the overflow id). */
static int refused_copy_up(const struct stat *st) {
    return (S_ISREG(st->st_mode) || S_ISLNK(st->st_mode)) && (st->st_uid == overflow_uid || st->st_gid == overflow_gid);
}

/* Finds the file the stopped call names and copies it up if the kernel would refuse to.
 * dpkg alone makes three such calls per file it unpacks (rename twice, utimes or lchown),
 * all on files of the layer: the common case is one fstatat. */
static void handle(int listener, const struct seccomp_notif *req) {
    struct path_arg p;
    if (!describe(req->data.nr, &p)) return;
    char path[PATH_MAX], base[96], full[PATH_MAX + 96], parent_buf[PATH_MAX];
    if (req->data.args[p.path_arg] == 0) return; /* utimensat(fd, NULL, ...): an open file */
    if (read_string((pid_t)req->pid, (unsigned long)req->data.args[p.path_arg], path, sizeof path) < 0) return;
    int follow = p.follow;
    if (p.flags_arg >= 0) {
        unsigned long flags = (unsigned long)req->data.args[p.flags_arg];
        follow = req->data.nr == __NR_linkat ? (flags & AT_SYMLINK_FOLLOW) != 0 : !(flags & AT_SYMLINK_NOFOLLOW);
        if (flags & AT_EMPTY_PATH && path[0] == '\0') return;
    }
    int dirfd = p.dirfd_arg >= 0 ? (int)req->data.args[p.dirfd_arg] : AT_FDCWD;
    if (path[0] == '/') snprintf(base, sizeof base, "/proc/%d/root", (int)req->pid);
    else if (dirfd == AT_FDCWD) snprintf(base, sizeof base, "/proc/%d/cwd", (int)req->pid);
    else snprintf(base, sizeof base, "/proc/%d/fd/%d", (int)req->pid, dirfd);
    struct stat st;
    if (snprintf(full, sizeof full, "%s/%s", base, path) >= (int)sizeof full) return;
    if (fstatat(AT_FDCWD, full, &st, AT_SYMLINK_NOFOLLOW) < 0) return;
    if (!refused_copy_up(&st) && !(S_ISLNK(st.st_mode) && follow)) return;
    /* The path was read from a live process: only act if that process still waits. */
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id) < 0) return;
    const char *name;
    int dir = open_parent(base, path, parent_buf, sizeof parent_buf, &name);
    for (int hops = 0; dir >= 0; hops++) {
        if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) < 0) break;
        if (!(S_ISLNK(st.st_mode) && follow)) {
            if (refused_copy_up(&st)) copy_up(dir, name, &st);
            break;
        }
        /* The call follows this symlink: look up its target the way the kernel will. */
        char target[PATH_MAX];
        ssize_t n = readlinkat(dir, name, target, sizeof target - 1);
        if (n < 0 || hops >= MAX_SYMLINKS) break;
        target[n] = '\0';
        if (target[0] == '/') snprintf(base, sizeof base, "/proc/%d/root", (int)req->pid);
        else snprintf(base, sizeof base, "/proc/self/fd/%d", dir);
        int next = open_parent(base, target, parent_buf, sizeof parent_buf, &name);
        close(dir);
        dir = next;
    }
    if (dir >= 0) close(dir);
}

/* Linux 6.6: the supervisor's reply wakes the program on the same CPU, which cuts the round
 * trip several times on small machines (values from linux/seccomp.h, absent from 6.1's). */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

struct notifications {
    struct seccomp_notif *req;
    struct seccomp_notif_resp *resp;
    size_t req_size, resp_size;
};

/* Answers one stopped call. Returns 0, or -1 once no process uses this listener's filter. */
static int answer(int listener, const struct notifications *n) {
    memset(n->req, 0, n->req_size);
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, n->req) < 0)
        return errno == EINTR || errno == ENOENT ? 0 : -1; /* ENOENT: the caller died first */
    handle(listener, n->req);
    memset(n->resp, 0, n->resp_size);
    n->resp->id = n->req->id;
    n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, n->resp); /* ENOENT: the caller died meanwhile */
    return 0;
}

/* Takes listeners from whoever connects to SOCKET (see copy-up-preload.c) and answers them
 * all, until the kernel ends this process with the sandbox's PID namespace. */
static void serve(int socket) {
    struct seccomp_notif_sizes sizes;
    if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0) return;
    struct notifications n = {
        .req_size = sizes.seccomp_notif > sizeof(struct seccomp_notif) ? sizes.seccomp_notif : sizeof(struct seccomp_notif),
        .resp_size = sizes.seccomp_notif_resp > sizeof(struct seccomp_notif_resp)
                ? sizes.seccomp_notif_resp : sizeof(struct seccomp_notif_resp),
    };
    n.req = malloc(n.req_size);
    n.resp = malloc(n.resp_size);
    size_t capacity = 16, count = 1;
    struct pollfd *fds = malloc(capacity * sizeof *fds);
    if (!n.req || !n.resp || !fds) return;
    fds[0] = (struct pollfd){.fd = socket, .events = POLLIN};
    for (;;) {
        if (poll(fds, count, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (size_t i = count; i-- > 1;) {
            int gone = fds[i].revents & (POLLERR | POLLNVAL);
            if (fds[i].revents & POLLIN) gone |= answer(fds[i].fd, &n) < 0;
            else if (fds[i].revents & POLLHUP) gone = 1; /* no process uses its filter any more */
            if (gone) {
                close(fds[i].fd);
                fds[i] = fds[--count];
            }
        }
        if (fds[0].revents & POLLIN) {
            int connection = accept4(socket, NULL, NULL, SOCK_CLOEXEC);
            int listener = connection >= 0 ? receive_listener(connection) : -1;
            if (connection >= 0) close(connection);
            if (listener < 0) continue;
            if (count == capacity) {
                struct pollfd *more = realloc(fds, 2 * capacity * sizeof *fds);
                if (!more) {
                    close(listener); /* its program's stopped calls fail (ENOSYS) rather than hang */
                    continue;
                }
                fds = more;
                capacity *= 2;
            }
            ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP); /* EINVAL before 6.6 */
            fds[count++] = (struct pollfd){.fd = listener, .events = POLLIN};
        }
    }
}

int copy_up_listen(const char *path) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 16) < 0) {
        int err = errno;
        close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

int copy_up_start_supervisor(int socket, int log) {
    pid_t pid = fork();
    if (pid != 0) return (int)pid;
    copy_log = log;
    /* The program's processes run as the same root: no ptrace of us, no reading our memory. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
    overflow_uid = read_number("/proc/sys/kernel/overflowuid", 65534);
    overflow_gid = read_number("/proc/sys/kernel/overflowgid", 65534);
    serve(socket);
    _exit(0);
}
