/* Compaction of overlay layers (see merge-layers.c). */
#ifndef TRYDEB_MERGE_LAYERS_H
#define TRYDEB_MERGE_LAYERS_H

/* Builds OUT (which must not exist) as the one layer equivalent to LAYERS[0..n-1], oldest
 * first, stacked in that order. Returns 0, or -1 after a message on stderr. */
int merge_layers(const char *out, char *const layers[], int n);

#endif
