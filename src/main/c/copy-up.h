/* The copy-up the kernel refuses a non-root mounter, done on demand (see copy-up.c). */
#ifndef TRYDEB_COPY_UP_H
#define TRYDEB_COPY_UP_H

/* In the program, just before execve: installs the seccomp filter whose notifications the
 * supervisor answers, and hands its listener over SOCKET. Returns 0; -1 (errno set) when the
 * kernel has no user notification (the program may run without it); -2 when the filter is
 * in place but the listener could not be handed over (every stopped call would fail). */
int copy_up_hand_over_listener(int socket);

/* Forks the supervisor, which receives the listener from SOCKET and serves it until no
 * process uses the filter. Returns its pid, or -1. */
int copy_up_start_supervisor(int socket);

#endif
