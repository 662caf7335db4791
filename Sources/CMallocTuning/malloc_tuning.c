#include "malloc_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>

int blueprint_bound_allocator(int mmap_threshold, int arena_max) {
    int ok = mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    ok &= mallopt(M_ARENA_MAX, arena_max);
    return ok;
}
#else
int blueprint_bound_allocator(int mmap_threshold, int arena_max) {
    (void)mmap_threshold;
    (void)arena_max;
    return 0;
}
#endif
