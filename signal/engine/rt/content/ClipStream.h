// A lock-free window of one audio clip's samples, filled ahead of the play position by a
// streaming thread (or synchronously when rendering offline) and read by the audio thread.
// Positions are clip-relative timeline frames, so a looping clip streams without a jump;
// the filler maps them to file frames. A jump (locate, loop wrap) makes the reader post a
// new request (generation); until the filler answers it, reads return silence and count
// an underrun.
#pragma once

#include "content/WavFrameReader.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <atomic>
#include <climits>
#include <cstdint>
#include <memory>

namespace juce { class AudioFormatReader; }

namespace loophole::signal {

class ClipStream
{
public:
    static constexpr int liveCapacity = 1 << 15; // frames buffered ahead by the streaming thread, ~0.7 s at 48 kHz
    static constexpr int cueCapacity = 1 << 14;  // frames kept from the cue point

    /// The smallest ring that serves blocks of up to `maxBlock` frames filled just in time
    /// (offline): a small ring stays in the CPU caches, and 64 rings of the live size took
    /// a visible share of a short render just to allocate.
    static int justInTimeCapacity(int maxBlock) noexcept;

    struct Source
    {
        std::unique_ptr<juce::AudioFormatReader> reader;
        juce::File file; // checked now and then: a file deleted or cut short during playback plays as silence
        int64_t sourceOffset = 0;
        int64_t loopLength = 0;
        int64_t length = 0; // clip timeline length; nothing past it is read
    };

    /// `capacity`: frames the ring holds, a power of two (liveCapacity or justInTimeCapacity()).
    explicit ClipStream(Source source, int capacity = liveCapacity);
    ~ClipStream();

    // --- audio thread -------------------------------------------------------------------
    /// Writes frames [position, position + n) into dest (2 channels), or silence when they
    /// are not buffered yet. Returns whether the audio was there.
    bool read(int64_t position, float* const* dest, int n) noexcept;
    /// Same, but adds gain * audio into dest (nothing when not buffered).
    bool addTo(int64_t position, float* const* dest, int n, float gain) noexcept;
    /// Where playback will jump back to (the transport loop start): the filler keeps the
    /// first cueCapacity frames from there at hand, so a loop wrap plays without a gap.
    void cue(int64_t position) noexcept;

    // --- filler (streaming thread, or the offline render thread) ------------------------
    /// Reads ahead of the reader, at most `maxFrames` and not past clip frame `upTo`.
    /// Returns frames read.
    int fill(int maxFrames, int64_t upTo = INT64_MAX);
    /// Offline: make [position, position+n) readable now, without waiting for a thread.
    void fillNow(int64_t position, int n);

    // --- any thread ---------------------------------------------------------------------
    uint32_t underruns() const noexcept { return underrunCount.load(std::memory_order_relaxed); }
    uint32_t readErrors() const noexcept { return errorCount.load(std::memory_order_relaxed); }

private:
    static uint64_t pack(uint32_t generation, int64_t position) noexcept
    {
        return (static_cast<uint64_t>(generation & 0xFFFF) << 48) | (static_cast<uint64_t>(position) & kPositionMask);
    }
    static uint32_t generationOf(uint64_t v) noexcept { return static_cast<uint32_t>(v >> 48); }
    static int64_t positionOf(uint64_t v) noexcept { return static_cast<int64_t>(v & kPositionMask); }
    static constexpr uint64_t kPositionMask = (uint64_t{1} << 48) - 1;

    void request(int64_t position) noexcept;
    template <typename Transfer>
    bool take(int64_t position, int n, Transfer&& transfer) noexcept;
    bool readSource(int64_t clipPosition, int n, juce::AudioBuffer<float>& into, int index);
    void fillCue();

    int ringIndex(int64_t position) const noexcept { return static_cast<int>(position & (ringFrames - 1)); }

    Source source;
    const int ringFrames;                 // a power of two
    juce::AudioBuffer<float> ring;        // 2 x ringFrames; never read before the filler wrote it
    juce::AudioBuffer<float> scratch;     // filler-side conversion buffer

    std::atomic<uint64_t> requested{0};   // reader -> filler: generation | start
    std::atomic<uint64_t> consumed{0};    // reader -> filler: generation | frames read up to
    std::atomic<uint64_t> filled{0};      // filler -> reader: generation | frames valid up to

    juce::AudioBuffer<float> cueAudio;    // cueCapacity frames from the cue point; read only where filled
    std::atomic<uint64_t> cueRequested{0};// reader -> filler: generation | cue position
    std::atomic<uint64_t> cueFilled{0};   // filler -> reader: generation | frames valid
    uint32_t cueGeneration = 0;           // reader side
    int64_t cuePosition = -1;             // reader side
    uint32_t cueFillGeneration = 0;       // filler side
    int cueFrames = 0;                    // filler side

    // reader side
    uint32_t generation = 0;
    int64_t requestStart = 0;
    int64_t expected = -1;

    // filler side
    std::unique_ptr<WavFrameReader> wav; // plain WAV files take this fast path, others source.reader
    uint32_t fillGeneration = 0;
    int64_t fillPosition = 0;
    int64_t framesSinceCheck = 0;
    int64_t bytesAtOpen = 0;  // a file now shorter than this was truncated under us
    bool missing = false;     // deleted or truncated: from then on, silence and a read error

    std::atomic<uint32_t> underrunCount{0}, errorCount{0};
};

} // namespace loophole::signal
