/* The system calls that may need a copy-up, and where each names its file: one list for the
 * seccomp filter that stops them (copy-up-preload.c) and the supervisor that looks the file
 * up (copy-up.c). Each entry is CALL(number, dirfd argument or -1, path argument, whether a
 * last-component symlink is followed, AT_* flags argument or -1). STOPPED calls are stopped
 * whatever their arguments; FILTERED ones only for some (the filter tests open's and openat's
 * flags and utimensat's path itself). */
#ifndef TRYDEB_COPY_UP_CALLS_H
#define TRYDEB_COPY_UP_CALLS_H

#include <sys/syscall.h>

#ifdef __NR_open
#define COPY_UP_LEGACY_CALLS(STOPPED, FILTERED) \
    FILTERED(__NR_open, -1, 0, 1, -1) \
    STOPPED(__NR_creat, -1, 0, 1, -1) \
    STOPPED(__NR_rename, -1, 0, 0, -1) \
    STOPPED(__NR_link, -1, 0, 0, -1) \
    STOPPED(__NR_chmod, -1, 0, 1, -1) \
    STOPPED(__NR_chown, -1, 0, 1, -1) \
    STOPPED(__NR_lchown, -1, 0, 0, -1) \
    STOPPED(__NR_utime, -1, 0, 1, -1) \
    STOPPED(__NR_utimes, -1, 0, 1, -1) \
    STOPPED(__NR_futimesat, 0, 1, 1, -1)
#else
#define COPY_UP_LEGACY_CALLS(STOPPED, FILTERED)
#endif

/* linkat follows a symlink only with AT_SYMLINK_FOLLOW (argument 4); the others unless
 * AT_SYMLINK_NOFOLLOW. */
#define COPY_UP_CALLS(STOPPED, FILTERED) \
    COPY_UP_LEGACY_CALLS(STOPPED, FILTERED) \
    FILTERED(__NR_openat, 0, 1, 1, -1) \
    FILTERED(__NR_utimensat, 0, 1, 1, 3) \
    STOPPED(__NR_truncate, -1, 0, 1, -1) \
    STOPPED(__NR_renameat, 0, 1, 0, -1) \
    STOPPED(__NR_renameat2, 0, 1, 0, -1) \
    STOPPED(__NR_linkat, 0, 1, 0, 4) \
    STOPPED(__NR_fchmodat, 0, 1, 1, -1) \
    STOPPED(__NR_fchownat, 0, 1, 1, 4) \
    STOPPED(__NR_setxattr, -1, 0, 1, -1) \
    STOPPED(__NR_lsetxattr, -1, 0, 0, -1) \
    STOPPED(__NR_removexattr, -1, 0, 1, -1) \
    STOPPED(__NR_lremovexattr, -1, 0, 0, -1)

#endif
