#include "content/WavFrameReader.h"

#include "content/StereoDeinterleave.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace loophole::signal {

static_assert(std::endian::native == std::endian::little, "WAV samples are read in place as little-endian");

namespace {

// JUCE's scale from a left-justified 32-bit integer sample to float (AudioFormatReader.cpp).
constexpr float fixedToFloat = 1.0f / static_cast<float>(0x7fffffff);

uint32_t load32(const uint8_t* p) noexcept
{
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

/// One sample, left-justified in 32 bits as JUCE's Int32 destination holds it. A 24-bit
/// sample is read with the byte before it (the buffer keeps one spare byte in front).
template <int bytes>
int32_t leftJustified(const uint8_t* p) noexcept
{
    if constexpr (bytes == 2)
    {
        uint16_t v;
        std::memcpy(&v, p, sizeof v);
        return static_cast<int32_t>(static_cast<uint32_t>(v) << 16);
    }
    else if constexpr (bytes == 3)
        return static_cast<int32_t>(load32(p - 1) & 0xFFFFFF00u);
    else
        return static_cast<int32_t>(load32(p));
}

template <int bytes>
void convertFixed(const uint8_t* in, int stride, int rightOffset, int n, FrameSink out) noexcept
{
    for (int i = 0; i < n; ++i)
    {
        const uint8_t* frame = in + static_cast<ptrdiff_t>(i) * stride;
        out.put(i, static_cast<float>(leftJustified<bytes>(frame)) * fixedToFloat,
                static_cast<float>(leftJustified<bytes>(frame + rightOffset)) * fixedToFloat);
    }
}

void convertFloat(const uint8_t* in, int stride, int rightOffset, int n, FrameSink out) noexcept
{
    for (int i = 0; i < n; ++i)
    {
        const uint8_t* frame = in + static_cast<ptrdiff_t>(i) * stride;
        float left, right;
        std::memcpy(&left, frame, sizeof(float));
        std::memcpy(&right, frame + rightOffset, sizeof(float));
        out.put(i, left, right);
    }
}

/// Where the (last) data chunk of a plain RIFF/WAVE file starts, and its size in bytes.
/// The headers are parsed from one read of the file's start (a read per field, as through
/// an unbuffered stream, was a system call each: loading 64 clips spent a tenth of a
/// 10 s render on them); a chunk header further in costs one more read.
bool findDataChunk(const SourceFile& file, int64_t& start, int64_t& bytes)
{
    uint8_t head[4096];
    const int64_t cached = std::max<int64_t>(0, file.readAt(0, head, sizeof head));
    auto read8 = [&](int64_t at, uint8_t* out) {
        if (at + 8 <= cached)
        {
            std::memcpy(out, head + at, 8);
            return true;
        }
        return file.readAt(at, out, 8) == 8;
    };
    uint8_t field[8];
    if (cached < 12 || std::memcmp(head, "RIFF", 4) != 0 || std::memcmp(head + 8, "WAVE", 4) != 0)
        return false;
    const int64_t riffEnd = 8 + static_cast<int64_t>(load32(head + 4));
    bool found = false;
    for (int64_t at = 12; at + 8 <= riffEnd && read8(at, field);)
    {
        const auto size = static_cast<int64_t>(load32(field + 4));
        if (std::memcmp(field, "data", 4) == 0)
        {
            start = at + 8;
            bytes = size;
            found = true;
        }
        at += 8 + size + (size & 1);
    }
    return found;
}

} // namespace

WavFrameReader::WavFrameReader(std::unique_ptr<SourceFile> f, int64_t start, int64_t length, int numChannels, int bits,
                               bool isFloat)
    : file(std::move(f)), dataStart(start), frames(length), channels(numChannels), bytesPerSample(bits / 8),
      bytesPerFrame(numChannels * (bits / 8)), floating(isFloat),
      capacityFrames(std::max(1024, rawBytes / bytesPerFrame)),
      raw(new uint8_t[static_cast<size_t>(capacityFrames * bytesPerFrame + 8)])
{
    std::fill(raw.get(), raw.get() + 4, uint8_t{ 0 }); // the byte a 24-bit load reads before the first sample
}

std::unique_ptr<WavFrameReader> WavFrameReader::open(const juce::File& file, juce::AudioFormatReader& parsed)
{
    const int bits = static_cast<int>(parsed.bitsPerSample);
    const int numChannels = static_cast<int>(parsed.numChannels);
    const bool known = parsed.getFormatName() == "WAV file" && numChannels >= 1
                       && (parsed.usesFloatingPointData ? bits == 32 : (bits == 16 || bits == 24 || bits == 32));
    if (!known)
        return nullptr;
    auto source = SourceFile::open(file);
    int64_t start = 0, bytes = 0;
    if (!source || !findDataChunk(*source, start, bytes) || bytes / (numChannels * bits / 8) != parsed.lengthInSamples)
        return nullptr;
    std::unique_ptr<WavFrameReader> reader(
        new WavFrameReader(std::move(source), start, parsed.lengthInSamples, numChannels, bits, parsed.usesFloatingPointData));

    // The proof: the file's first and last frames (and silence past its end) come out of
    // both readers as the same bits. Read through a window of the proof's size: the full
    // window would read 128 KB twice per clip just to compare 2048 frames.
    constexpr int window = 2048;
    const int fullCapacity = reader->capacityFrames;
    reader->capacityFrames = std::min(fullCapacity, window);
    juce::AudioBuffer<float> expected(2, window), actual(2, window);
    for (const int64_t at : { int64_t{ 0 }, static_cast<int64_t>(parsed.lengthInSamples - window / 2) })
    {
        expected.clear();
        actual.clear();
        if (!parsed.read(&expected, 0, window, at, true, true)
            || !reader->read(at, window, actual.getWritePointer(0), actual.getWritePointer(1)))
            return nullptr;
        for (int c = 0; c < 2; ++c)
            if (std::memcmp(expected.getReadPointer(c), actual.getReadPointer(c), sizeof(float) * window) != 0)
                return nullptr;
    }
    reader->capacityFrames = fullCapacity;
    reader->windowFrames = 0; // the proof's window is not where playback starts
    return reader;
}

bool WavFrameReader::read(int64_t start, int n, FrameSink out)
{
    bool ok = true;
    int done = 0;
    while (done < n)
    {
        const int64_t at = start + done;
        if (at < 0 || at >= frames)
        {
            // Before the start or past the end: silence up to the next readable frame.
            const int64_t until = at < 0 ? std::min<int64_t>(n, -start) : n;
            const int silent = static_cast<int>(until - done);
            out.after(done).silence(silent);
            done += silent;
            continue;
        }
        if (at < windowStart || at >= windowStart + windowFrames)
            ok = refill(at) && ok;
        const int run = static_cast<int>(std::min<int64_t>(n - done, windowStart + windowFrames - at));
        convert(raw.get() + 4 + (at - windowStart) * bytesPerFrame, run, out.after(done));
        done += run;
    }
    return ok;
}

bool WavFrameReader::refill(int64_t from)
{
    windowStart = from;
    windowFrames = static_cast<int>(std::min<int64_t>(capacityFrames, frames - from));
    const int wanted = windowFrames * bytesPerFrame;
    uint8_t* bytes = raw.get() + 4; // room in front for the 24-bit loads
    const int64_t got = file->readAt(dataStart + from * bytesPerFrame, bytes, wanted);
    // A file cut short reads as silence where the bytes are missing (JUCE does the same).
    std::fill(bytes + std::max<int64_t>(got, 0), bytes + wanted, uint8_t{ 0 });
    return got >= 0;
}

void WavFrameReader::convert(const uint8_t* bytes, int n, FrameSink out) const noexcept
{
    const int rightOffset = channels > 1 ? bytesPerSample : 0; // a mono file plays on both sides
    if (channels == 2)
    {
        // Most files: four frames at a time, then the scalar loops below finish the rest.
        const int done = floating           ? deinterleaveStereoFloat(bytes, n, out)
                         : bytesPerSample == 2 ? deinterleaveStereo16(bytes, n, fixedToFloat, out)
                         : bytesPerSample == 3 ? deinterleaveStereo24(bytes, n, fixedToFloat, out)
                                               : 0;
        bytes += static_cast<ptrdiff_t>(done) * bytesPerFrame;
        out = out.after(done);
        n -= done;
    }
    if (floating)
        convertFloat(bytes, bytesPerFrame, rightOffset, n, out);
    else if (bytesPerSample == 2)
        convertFixed<2>(bytes, bytesPerFrame, rightOffset, n, out);
    else if (bytesPerSample == 3)
        convertFixed<3>(bytes, bytesPerFrame, rightOffset, n, out);
    else
        convertFixed<4>(bytes, bytesPerFrame, rightOffset, n, out);
}

} // namespace loophole::signal
