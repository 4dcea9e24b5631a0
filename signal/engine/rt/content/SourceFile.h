// A read-only descriptor on a clip's audio file, for the filler side of a ClipStream (the
// streaming thread or the offline render thread), never the audio thread.
//
// Reads are positioned (pread: one system call, no seek). damaged() tells whether the file
// was deleted or cut short since it was opened, with one fstat on this descriptor: no path
// walk, which was ~6 % of an offline render of 64 tracks when it was a stat by path. The
// descriptor itself cannot notice: it keeps reading a deleted file, and reads past a
// truncated end come back short, which the reader pads with silence.
// A file saved over by renaming another onto its name (how most editors save) is not
// damaged: this descriptor still reads the audio the clip was loaded with, complete, as
// JUCE's readers of the other formats do; the new file plays when the graph loads it again.
#pragma once

#include <juce_core/juce_core.h>

#include <cstdint>
#include <memory>
#include <string>

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

    /// Shorter than when it was opened, or deleted with nothing in its place. Control or
    /// streaming thread: a path lookup only once the file has lost its name.
    bool damaged() const noexcept;

    int64_t sizeAtOpen() const noexcept { return openedSize; }

private:
    SourceFile(int descriptor, int64_t size, std::string openedAt)
        : fd(descriptor), openedSize(size), path(std::move(openedAt))
    {
    }

    int fd;
    int64_t openedSize;
    std::string path; // where it was opened: a replacement may have taken its name
};

} // namespace loophole::signal
