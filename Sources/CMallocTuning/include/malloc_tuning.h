#ifndef BLUEPRINT_MALLOC_TUNING_H
#define BLUEPRINT_MALLOC_TUNING_H

/// glibc's malloc.h is not part of Swift's Glibc module: this exposes the two
/// settings the engine needs. Returns 1 when both were applied, 0 otherwise
/// (other C libraries: nothing to do).
int blueprint_bound_allocator(int mmap_threshold, int arena_max);

#endif
