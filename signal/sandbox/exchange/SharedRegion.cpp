#include "exchange/SharedRegion.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace loophole::signal::sandbox {

namespace {

/// Null on failure, with the reason in `error` and fd closed, so the caller holds nothing.
void* mapSharedOrClose(int fd, size_t bytes, std::string& error)
{
    void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (base == MAP_FAILED)
    {
        error = std::string("could not map the shared block region: ") + std::strerror(errno);
        ::close(fd);
        return nullptr;
    }
    // Page faults on the audio path are what the region exists to avoid; best effort only,
    // because an unprivileged user may have a small RLIMIT_MEMLOCK.
    ::mlock(base, bytes);
    return base;
}

} // namespace

SharedRegion::~SharedRegion() { reset(); }

SharedRegion::SharedRegion(SharedRegion&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), base_(std::exchange(other.base_, nullptr)), size_(std::exchange(other.size_, 0))
{
}

SharedRegion& SharedRegion::operator=(SharedRegion&& other) noexcept
{
    if (this != &other)
    {
        reset();
        fd_ = std::exchange(other.fd_, -1);
        base_ = std::exchange(other.base_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void SharedRegion::reset()
{
    if (base_ != nullptr)
        ::munmap(base_, size_);
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    base_ = nullptr;
    size_ = 0;
}

SharedRegion SharedRegion::create(size_t bytes, std::string& error)
{
    const int fd = ::memfd_create("loophole-sandbox-block", MFD_CLOEXEC);
    if (fd < 0)
    {
        error = std::string("memfd_create failed: ") + std::strerror(errno);
        return {};
    }
    if (::ftruncate(fd, static_cast<off_t>(bytes)) != 0)
    {
        error = std::string("could not size the shared block region: ") + std::strerror(errno);
        ::close(fd);
        return {};
    }
    void* base = mapSharedOrClose(fd, bytes, error);
    if (base == nullptr)
        return {};
    return SharedRegion(fd, base, bytes);
}

SharedRegion SharedRegion::adopt(int fd, std::string& error)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size <= 0)
    {
        error = "the shared block region handed over is not a mappable file";
        ::close(fd);
        return {};
    }
    const auto bytes = static_cast<size_t>(info.st_size);
    void* base = mapSharedOrClose(fd, bytes, error);
    if (base == nullptr)
        return {};
    return SharedRegion(fd, base, bytes);
}

} // namespace loophole::signal::sandbox
