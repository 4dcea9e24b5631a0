// A memfd mapped shared into this process: the engine makes one per sandboxed instance and
// hands the descriptor to the host process, which maps the same pages.
#pragma once

#include <cstddef>
#include <string>

namespace loophole::signal::sandbox {

class SharedRegion
{
public:
    SharedRegion() = default;
    ~SharedRegion();
    SharedRegion(SharedRegion&& other) noexcept;
    SharedRegion& operator=(SharedRegion&& other) noexcept;
    SharedRegion(const SharedRegion&) = delete;
    SharedRegion& operator=(const SharedRegion&) = delete;

    /// A new zero-filled region of `bytes`, locked in memory where the system allows it.
    static SharedRegion create(size_t bytes, std::string& error);
    /// Maps a region another process made; takes ownership of `fd`.
    static SharedRegion adopt(int fd, std::string& error);

    bool valid() const { return base_ != nullptr; }
    void* base() const { return base_; }
    size_t size() const { return size_; }
    int fd() const { return fd_; }

private:
    SharedRegion(int fd, void* base, size_t size) : fd_(fd), base_(base), size_(size) {}
    void reset();

    int fd_ = -1;
    void* base_ = nullptr;
    size_t size_ = 0;
};

} // namespace loophole::signal::sandbox
