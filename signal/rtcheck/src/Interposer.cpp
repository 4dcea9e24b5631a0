// Strong definitions of the C library's allocation, locking, sleeping and file functions.
// Each records a violation when called on a marked audio thread, then forwards to glibc:
// allocation through the exported __libc_* entry points (dlsym may itself allocate), the
// rest through dlsym(RTLD_NEXT) resolved on first use.
#include "rtcheck/RtCheck.h"

#if !LOOPHOLE_RTCHECK_DISABLED

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <dlfcn.h>
#include <fcntl.h>
#include <new>
#include <pthread.h>
#include <unistd.h>

using loophole::rtcheck::Violation;
using loophole::rtcheck::detail::record;

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void __libc_free(void*);
}

namespace {

template <typename Fn>
Fn next(const char* name, const char* version = nullptr)
{
    void* f = version ? dlvsym(RTLD_NEXT, name, version) : dlsym(RTLD_NEXT, name);
    return reinterpret_cast<Fn>(f);
}

// Resolved once; a relaxed race resolves the same address twice, which is harmless.
#define RTCHECK_NEXT(type, name, ...)                                          \
    static std::atomic<type> resolved_##name{nullptr};                        \
    type real = resolved_##name.load(std::memory_order_relaxed);              \
    if (real == nullptr)                                                       \
    {                                                                          \
        real = next<type>(#name __VA_OPT__(, ) __VA_ARGS__);                   \
        resolved_##name.store(real, std::memory_order_relaxed);               \
    }

void* alignedAllocation(size_t alignment, size_t size)
{
    return __libc_memalign(alignment < sizeof(void*) ? sizeof(void*) : alignment, size);
}

} // namespace

extern "C" {

void* malloc(size_t size)
{
    record(Violation::Allocation);
    return __libc_malloc(size);
}

void* calloc(size_t count, size_t size)
{
    record(Violation::Allocation);
    return __libc_calloc(count, size);
}

void* realloc(void* pointer, size_t size)
{
    record(Violation::Allocation);
    return __libc_realloc(pointer, size);
}

void free(void* pointer)
{
    if (pointer != nullptr)
        record(Violation::Deallocation);
    __libc_free(pointer);
}

void* aligned_alloc(size_t alignment, size_t size)
{
    record(Violation::Allocation);
    return alignedAllocation(alignment, size);
}

void* memalign(size_t alignment, size_t size)
{
    record(Violation::Allocation);
    return alignedAllocation(alignment, size);
}

int posix_memalign(void** out, size_t alignment, size_t size)
{
    record(Violation::Allocation);
    if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    void* p = alignedAllocation(alignment, size);
    if (p == nullptr)
        return ENOMEM;
    *out = p;
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t* mutex)
{
    record(Violation::Lock);
    using Fn = int (*)(pthread_mutex_t*);
    RTCHECK_NEXT(Fn, pthread_mutex_lock)
    return real(mutex);
}

int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mutex)
{
    record(Violation::Wait);
    using Fn = int (*)(pthread_cond_t*, pthread_mutex_t*);
    // The unversioned lookup finds the pre-2.3.2 compatibility symbol; ask for the current one.
    RTCHECK_NEXT(Fn, pthread_cond_wait, "GLIBC_2.3.2")
    return real(cond, mutex);
}

int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const struct timespec* at)
{
    record(Violation::Wait);
    using Fn = int (*)(pthread_cond_t*, pthread_mutex_t*, const struct timespec*);
    RTCHECK_NEXT(Fn, pthread_cond_timedwait, "GLIBC_2.3.2")
    return real(cond, mutex, at);
}

int nanosleep(const struct timespec* duration, struct timespec* remaining)
{
    record(Violation::Sleep);
    using Fn = int (*)(const struct timespec*, struct timespec*);
    RTCHECK_NEXT(Fn, nanosleep)
    return real(duration, remaining);
}

int usleep(useconds_t micros)
{
    record(Violation::Sleep);
    using Fn = int (*)(useconds_t);
    RTCHECK_NEXT(Fn, usleep)
    return real(micros);
}

int open(const char* path, int flags, ...)
{
    record(Violation::FileIo);
    mode_t mode = 0;
    if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
    {
        va_list args;
        va_start(args, flags);
        mode = static_cast<mode_t>(va_arg(args, int));
        va_end(args);
    }
    using Fn = int (*)(const char*, int, ...);
    RTCHECK_NEXT(Fn, open)
    return real(path, flags, mode);
}

ssize_t read(int fd, void* buffer, size_t size)
{
    record(Violation::FileIo);
    using Fn = ssize_t (*)(int, void*, size_t);
    RTCHECK_NEXT(Fn, read)
    return real(fd, buffer, size);
}

ssize_t write(int fd, const void* buffer, size_t size)
{
    record(Violation::FileIo);
    using Fn = ssize_t (*)(int, const void*, size_t);
    RTCHECK_NEXT(Fn, write)
    return real(fd, buffer, size);
}

FILE* fopen(const char* path, const char* mode)
{
    record(Violation::FileIo);
    using Fn = FILE* (*)(const char*, const char*);
    RTCHECK_NEXT(Fn, fopen)
    return real(path, mode);
}

} // extern "C"

// --- operator new / delete, every form ------------------------------------------------

namespace {
void* allocateOrThrow(size_t size)
{
    record(Violation::Allocation);
    if (void* p = __libc_malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
void* allocateAlignedOrThrow(size_t size, std::align_val_t alignment)
{
    record(Violation::Allocation);
    if (void* p = alignedAllocation(static_cast<size_t>(alignment), size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
void release(void* pointer) noexcept
{
    if (pointer != nullptr)
        record(Violation::Deallocation);
    __libc_free(pointer);
}
} // namespace

void* operator new(size_t size) { return allocateOrThrow(size); }
void* operator new[](size_t size) { return allocateOrThrow(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept
{
    record(Violation::Allocation);
    return __libc_malloc(size == 0 ? 1 : size);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept
{
    record(Violation::Allocation);
    return __libc_malloc(size == 0 ? 1 : size);
}
void* operator new(size_t size, std::align_val_t a) { return allocateAlignedOrThrow(size, a); }
void* operator new[](size_t size, std::align_val_t a) { return allocateAlignedOrThrow(size, a); }
void* operator new(size_t size, std::align_val_t a, const std::nothrow_t&) noexcept
{
    record(Violation::Allocation);
    return alignedAllocation(static_cast<size_t>(a), size == 0 ? 1 : size);
}
void* operator new[](size_t size, std::align_val_t a, const std::nothrow_t&) noexcept
{
    record(Violation::Allocation);
    return alignedAllocation(static_cast<size_t>(a), size == 0 ? 1 : size);
}

void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, size_t) noexcept { release(p); }
void operator delete[](void* p, size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }

#endif // !LOOPHOLE_RTCHECK_DISABLED
