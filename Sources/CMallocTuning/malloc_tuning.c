#include "malloc_tuning.h"
#include <stdlib.h>  /* defines __GLIBC__ on glibc systems */

#if defined(__GLIBC__)
#include <malloc.h>

int blueprint_bound_allocator(int mmap_threshold, int arena_max) {
    int ok = mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    ok &= mallopt(M_ARENA_MAX, arena_max);
    return ok;
}

/// Applied when the program is loaded, before the Swift runtime and its thread
/// pool allocate anything: set later, the settings no longer reach the arenas
/// those threads already use.
__attribute__((constructor)) static void blueprint_bound_allocator_at_load(void) {
    blueprint_bound_allocator(256 * 1024, 2);
}
#else
int blueprint_bound_allocator(int mmap_threshold, int arena_max) {
    (void)mmap_threshold;
    (void)arena_max;
    return 0;
}
#endif
