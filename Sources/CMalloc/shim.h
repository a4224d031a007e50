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

