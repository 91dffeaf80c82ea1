/*
 * Compaction: many overlay upper layers, oldest first, become one that shows the same tree
 * when stacked over the same lower directories. Runs as root of the user namespace that
 * wrote the layers (their files belong to subordinate ids). The result is built in a new
 * directory from hard links, so the layers stay intact until the caller has recorded the
 * compaction and swaps the directories: a crash at any point leaves either the old layers
 * or the new one complete.
 *
 * Each newer layer is applied on top of the result so far, as overlayfs would show it:
 *   - a whiteout (character device 0/0) or a file replaces what was there, and a whiteout
 *     stays, since it may hide a file of the host below;
 *   - a directory that is opaque (xattr user.overlay.opaque=y) replaces what was there;
 *   - any other directory merges into a directory that was there, and takes its metadata;
 *     over a whiteout or a non-directory it becomes opaque (overlayfs stops at either).
 */
#include "merge-layers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#define OPAQUE "user.overlay.opaque"

static int fail(const char *what, const char *name) {
    fprintf(stderr, "trydeb: compaction: %s %s: %s\n", what, name, strerror(errno));
    return -1;
}

static int is_opaque(int dirfd, const char *name) {
    char value[4] = {0};
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = fgetxattr(fd, OPAQUE, value, sizeof value - 1);
    close(fd);
    return n > 0 && value[0] == 'y';
}

/* Removes NAME in DIRFD, a directory tree or not. */
static int remove_entry(int dirfd, const char *name) {
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) return errno == ENOENT ? 0 : fail("stat", name);
    if (!S_ISDIR(st.st_mode)) return unlinkat(dirfd, name, 0) < 0 ? fail("remove", name) : 0;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return fail("open", name);
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return fail("read", name);
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) rc = remove_entry(fd, e->d_name);
    closedir(dir);
    if (rc == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) < 0) return fail("remove", name);
    return rc;
}

/* Gives directory D (in DFD) the owner, mode, times and extended attributes of S (in SFD). */
static int copy_directory_metadata(int sfd, const char *name, int dfd, const struct stat *st) {
    char names[4096], value[4096];
    int s = openat(sfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int d = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int rc = -1;
    if (s < 0 || d < 0) {
        fail("open", name);
        goto out;
    }
    if (fchown(d, st->st_uid, st->st_gid) < 0 || fchmod(d, st->st_mode & 07777) < 0) {
        fail("set the owner and mode of", name);
        goto out;
    }
    ssize_t len = flistxattr(s, names, sizeof names);
    for (ssize_t i = 0; len > 0 && i < len; i += (ssize_t)strlen(names + i) + 1) {
        ssize_t n = fgetxattr(s, names + i, value, sizeof value);
        if (n >= 0 && fsetxattr(d, names + i, value, (size_t)n, 0) < 0 && errno != EPERM && errno != ENOTSUP) {
            fail("copy the extended attributes of", name);
            goto out;
        }
    }
    struct timespec times[2] = {st->st_atim, st->st_mtim};
    futimens(d, times);
    rc = 0;
out:
    if (s >= 0) close(s);
    if (d >= 0) close(d);
    return rc;
}

static int apply(int sfd, int dfd);

static int apply_entry(int sfd, int dfd, const char *name) {
    struct stat s, d;
    if (fstatat(sfd, name, &s, AT_SYMLINK_NOFOLLOW) < 0) return fail("stat", name);
    int exists = fstatat(dfd, name, &d, AT_SYMLINK_NOFOLLOW) == 0;
    if (!S_ISDIR(s.st_mode)) {
        if (exists && remove_entry(dfd, name) < 0) return -1;
        return linkat(sfd, name, dfd, name, 0) < 0 ? fail("link", name) : 0;
    }
    int opaque = is_opaque(sfd, name);
    int merge = exists && S_ISDIR(d.st_mode) && !opaque;
    if (!merge) {
        if (exists && remove_entry(dfd, name) < 0) return -1;
        if (mkdirat(dfd, name, 0700) < 0) return fail("create", name);
    }
    if (copy_directory_metadata(sfd, name, dfd, &s) < 0) return -1;
    if (exists && !S_ISDIR(d.st_mode) && !opaque) {
        int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int rc = fd < 0 ? -1 : fsetxattr(fd, OPAQUE, "y", 1, 0);
        if (fd >= 0) close(fd);
        if (rc < 0) return fail("mark opaque", name);
    }
    int sub = openat(sfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int dub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int rc = sub < 0 || dub < 0 ? fail("open", name) : apply(sub, dub);
    if (sub >= 0) close(sub);
    if (dub >= 0) close(dub);
    /* Entries made inside changed the directory's times: give it the layer's again. */
    struct timespec times[2] = {s.st_atim, s.st_mtim};
    if (rc == 0) utimensat(dfd, name, times, AT_SYMLINK_NOFOLLOW);
    return rc;
}

/* Applies every entry of the directory SFD on top of the directory DFD. */
static int apply(int sfd, int dfd) {
    int fd = dup(sfd);
    if (fd < 0) return fail("dup", "directory");
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return fail("read", "directory");
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) rc = apply_entry(sfd, dfd, e->d_name);
    closedir(dir);
    return rc;
}

int merge_layers(const char *out, char *const layers[], int n) {
    if (mkdir(out, 0755) < 0) return fail("create", out);
    int dfd = open(out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0) return fail("open", out);
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        int sfd = open(layers[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sfd < 0) {
            rc = errno == ENOENT ? 0 : fail("open", layers[i]); /* a layer that changed nothing */
            continue;
        }
        struct stat st;
        /* The result's root takes the newest layer's owner and mode. */
        rc = fstat(sfd, &st) < 0 || fchown(dfd, st.st_uid, st.st_gid) < 0 || fchmod(dfd, st.st_mode & 07777) < 0
                 ? fail("set the owner and mode of", out)
                 : apply(sfd, dfd);
        close(sfd);
    }
    close(dfd);
    return rc;
}
