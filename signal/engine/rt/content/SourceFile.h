// A read-only descriptor on a clip's audio file, for the filler side of a ClipStream (the
// streaming thread or the offline render thread), never the audio thread.
//
// Reads are positioned (pread: one system call, no seek). damaged() tells whether the file
// was deleted or cut short since it was opened, with one fstat on this descriptor: no path
// walk, which was ~6 % of an offline render of 64 tracks when it was a stat by path. The
// descriptor itself cannot notice: it keeps reading a deleted file, and reads past a
// truncated end come back short, which the reader pads with silence.
#pragma once

#include <juce_core/juce_core.h>

#include <cstdint>
#include <memory>

namespace loophole::signal {

class SourceFile
{
public:
    /// The file opened for reading, or nullptr. Control thread.
    static std::unique_ptr<SourceFile> open(const juce::File& file);
    ~SourceFile();
    SourceFile(const SourceFile&) = delete;
    SourceFile& operator=(const SourceFile&) = delete;

    /// Up to `bytes` bytes from `offset`; returns how many were read (fewer at the end of
    /// the file), or -1 on an error.
    int64_t readAt(int64_t offset, void* into, int64_t bytes) const noexcept;

    /// Deleted (no name links to it any more) or shorter than when it was opened. A file
    /// replaced by renaming another over it counts as deleted: this descriptor still reads
    /// the old one.
    bool damaged() const noexcept;

    int64_t sizeAtOpen() const noexcept { return openedSize; }

private:
    SourceFile(int descriptor, int64_t size) : fd(descriptor), openedSize(size) {}

    int fd;
    int64_t openedSize;
};

} // namespace loophole::signal
