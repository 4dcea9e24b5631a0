#include "content/SourceFile.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace loophole::signal {

std::unique_ptr<SourceFile> SourceFile::open(const juce::File& file)
{
    // O_NONBLOCK: a path that turned into a FIFO must not hang the control thread here.
    std::string path = file.getFullPathName().toStdString();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return nullptr;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
    {
        ::close(fd);
        return nullptr;
    }
    return std::unique_ptr<SourceFile>(new SourceFile(fd, static_cast<int64_t>(info.st_size), std::move(path)));
}

SourceFile::~SourceFile() { ::close(fd); }

int64_t SourceFile::readAt(int64_t offset, void* into, int64_t bytes) const noexcept
{
    auto* out = static_cast<char*>(into);
    int64_t got = 0;
    while (got < bytes)
    {
        const ssize_t n = ::pread(fd, out + got, static_cast<size_t>(bytes - got), static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return got > 0 ? got : -1;
        if (n == 0)
            break; // end of file
        got += n;
    }
    return got;
}

bool SourceFile::damaged() const noexcept
{
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return true;
    if (static_cast<int64_t>(info.st_size) < openedSize)
        return true;
    if (info.st_nlink > 0)
        return false;
    struct stat replacement {};
    return ::stat(path.c_str(), &replacement) != 0 || !S_ISREG(replacement.st_mode);
}

} // namespace loophole::signal
