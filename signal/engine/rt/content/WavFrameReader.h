// Reads the first two channels of an uncompressed RIFF WAV (16/24/32-bit integer or 32-bit
// float) straight from the file into two float arrays: raw bytes read ahead 128 KB at a time,
// then one conversion pass. JUCE's WAV reader makes a read() per 960 frames and two passes
// (a per-sample conversion to int, then int to float); with the system calls that was the
// largest cost of an offline render (perf: about half of it).
//
// The floats are the same bits JUCE's AudioFormatReader::read(AudioBuffer*) produces: every
// integer format converts exactly (a 16/24-bit sample scaled by a power of two), and 32-bit
// integers use JUCE's own arithmetic, float(sample) * (1.0f / 0x7fffffff). open() proves it
// on the file at hand by decoding its start and end both ways; anything that differs or
// that this reader does not know (RF64, 8-bit, AIFF, FLAC...) stays with JUCE's reader.
//
// Used by the filler side of ClipStream only (the streaming thread or the offline render
// thread), never by the audio thread.
#pragma once

#include "content/FrameSink.h"
#include "content/SourceFile.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <cstdint>
#include <memory>

namespace loophole::signal {

class WavFrameReader
{
public:
    /// A reader for `file` when it is a WAV this class decodes exactly like `parsed` (JUCE's
    /// reader of the same file), otherwise nullptr. Control thread: opens the file.
    static std::unique_ptr<WavFrameReader> open(const juce::File& file, juce::AudioFormatReader& parsed);

    /// Frames [start, start + n) into left/right; a mono file fills both. Frames outside the
    /// file read as silence, as with JUCE. Returns false when the file could not be read.
    bool read(int64_t start, int n, float* left, float* right) { return read(start, n, FrameSink{ left, right }); }
    /// The same frames stored into, or added to, `out`.
    bool read(int64_t start, int n, FrameSink out);

    /// The file was deleted or cut short since it was opened (see SourceFile::damaged()).
    bool fileDamaged() const noexcept { return file->damaged(); }

private:
    WavFrameReader(std::unique_ptr<SourceFile> file, int64_t dataStart, int64_t frames, int channels, int bits,
                   bool floating);

    void convert(const uint8_t* bytes, int n, FrameSink out) const noexcept;
    bool refill(int64_t from);

    std::unique_ptr<SourceFile> file;
    int64_t dataStart;
    int64_t frames;
    int channels, bytesPerSample, bytesPerFrame;
    bool floating;
    // The file bytes of frames [windowStart, windowStart + windowFrames): read ahead in one
    // large read(), because a system call per block cost as much as the decoding, and
    // converted a block at a time, so the floats are still in cache when the mix reads them.
    int capacityFrames;
    // capacityFrames frames, plus room for the 4-byte loads at the edges. Not zeroed: only
    // bytes a refill() wrote are converted (64 tracks' worth of zeroing showed in a render).
    std::unique_ptr<uint8_t[]> raw;
    int64_t windowStart = 0;
    int windowFrames = 0;
    static constexpr int rawBytes = 1 << 17;
};

} // namespace loophole::signal
