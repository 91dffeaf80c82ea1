/**
 * Where trydeb keeps its state: the XDG directories, the on-disk layout of the store and of
 * each environment, the per-environment lock, and the SQLite database recording environments,
 * transactions (one committed transaction is one overlay layer) and installed packages.
 */
package dev.trydeb.store;
