/* The copy-up the kernel refuses a non-root mounter, done on demand (see copy-up.c). */
#ifndef TRYDEB_COPY_UP_H
#define TRYDEB_COPY_UP_H

/* A listening unix socket at PATH for the supervisor. Returns its fd, or -1 (errno set). */
int copy_up_listen(const char *path);

/* Forks the supervisor, which takes filter listeners from SOCKET (sent by copy-up-preload.c)
 * and answers them until the sandbox ends, writing the sandbox path of each file it copied
 * to LOG (one per line; -1: none). Returns its pid, or -1. */
int copy_up_start_supervisor(int socket, int log);

#endif
