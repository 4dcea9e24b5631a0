// Part of a clip's audio file decoded once into memory, for an offline render that reads the
// same frames again and again (a loop, or several clips on one file): reading it back costs
// no system call, no page-cache copy and no decoding (control/content/DecodedSources decides
// when, and decodes). Frames [first, first + frames) of the file, two channels (a mono
// file's one in both), the same floats the file's reader gives; every other frame is
// silence, because the clips that share it read nothing else of the file.
#pragma once

#include "content/FrameSink.h"

#include <algorithm>
#include <cstdint>
#include <memory>

namespace loophole::signal {

struct DecodedAudio
{
    int64_t first = 0;
    int64_t frames = 0;
    std::unique_ptr<float[]> left, right;

    /// Asks the CPU to start loading frames [at, at + n) of the arrays (offsets from first).
    void prefetch(int64_t at, int64_t n) const noexcept
    {
        const int64_t end = std::min(at + n, frames);
        for (int64_t i = at; i < end; i += 16)
        {
            __builtin_prefetch(left.get() + i);
            __builtin_prefetch(right.get() + i);
        }
    }

    /// File frames [start, start + n) into `out`.
    void read(int64_t start, int n, FrameSink out) const noexcept
    {
        const int64_t from = std::clamp(first - start, int64_t{ 0 }, int64_t{ n });
        const int64_t to = std::clamp(first + frames - start, from, int64_t{ n });
        out.silence(static_cast<int>(from));
        if (to > from)
        {
            const int64_t at = start + from - first;
            out.after(static_cast<int>(from)).take(left.get() + at, right.get() + at, static_cast<int>(to - from));
            prefetch(at + (to - from), to - from);
        }
        out.after(static_cast<int>(to)).silence(static_cast<int>(n - to));
    }
};

} // namespace loophole::signal
