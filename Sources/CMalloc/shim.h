// glibc's malloc tuning (mallopt), which Swift's Glibc module leaves out.
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/// Grows the main heap by `bytes` and more now, and asks the kernel to back what it grew by
/// with huge pages where it can (madvise; transparent huge pages in "madvise" mode): one fault
/// a 2 MiB page instead of one a 4 KiB page. Returns the bytes advised (0 when none was).
static inline size_t apiref_grow_heap_with_huge_pages(size_t bytes) {
    uintptr_t start = (uintptr_t)sbrk(0);
    // volatile: a block freed unused is otherwise left out by the compiler, malloc and all.
    void *volatile block = malloc(bytes);
    free(block);
    uintptr_t end = (uintptr_t)sbrk(0);
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t first = (start + huge - 1) & ~(huge - 1);
    if (start == (uintptr_t)-1 || end <= first) return 0;
    return madvise((void *)first, end - first, MADV_HUGEPAGE) == 0 ? end - first : 0;
}

/// glibc's other arenas (a thread's own heap when the main one is busy) live in heaps of
/// HEAP_MAX_SIZE (64 MiB on 64-bit) aligned to their size; a chunk of one has the
/// NON_MAIN_ARENA bit (4) in its size word. Both have held since glibc 2.3.
static const uintptr_t apiref_arena_heap_size = (uintptr_t)64 << 20;

/// Asks the kernel for huge pages under the calling thread's own malloc heap (a 2 MiB page a
/// fault instead of a 4 KiB one), once a thread; the main heap is left to
/// apiref_grow_heap_with_huge_pages. Returns whether the heap was advised (now or before).
static inline int apiref_advise_thread_heap(void) {
    static __thread int advised;
    if (advised) return advised > 0;
    void *volatile probe = malloc(64);
    if (probe == NULL) return 0;
    uintptr_t address = (uintptr_t)probe;
    size_t header = ((volatile size_t *)probe)[-1];
    free(probe);
    advised = -1;
    if ((header & 4) == 0) return 0; // the main heap
    uintptr_t heap = address & ~(apiref_arena_heap_size - 1);
    if (madvise((void *)heap, apiref_arena_heap_size, MADV_HUGEPAGE) != 0) return 0;
    advised = 1;
    return 1;
}
