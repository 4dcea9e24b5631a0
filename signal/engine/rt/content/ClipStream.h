// One audio clip's samples for the mix, in one of two modes:
//  Streamed  a lock-free window filled ahead of the play position by a streaming thread and
//            read by the audio thread (live playback: the audio thread never touches the
//            file). A jump (locate, loop wrap) makes the reader post a new request
//            (generation); until the filler answers it, reads return silence and count an
//            underrun.
//  OnDemand  no window and no filler: read() and addTo() decode from the file on the calling
//            thread (the offline render thread, which may wait for the disk); a WAV file
//            straight into the mix (FrameSink), other formats through a chunk that stays in
//            L1. Filling a window first and mixing from it later made every sample cross the
//            caches twice more (perf: a sixth of a render). A source read over and over
//            (a loop) may come decoded already (DecodedAudio): then the file is not touched.
// Both give the same floats. Positions are clip-relative timeline frames, so a looping clip
// streams without a jump; the source maps them to file frames.
#pragma once

#include "content/DecodedAudio.h"
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
    static constexpr int onDemandChunk = 512;    // OnDemand, not WAV: frames decoded at a time (4 KB of floats)

    enum class Mode { Streamed, OnDemand };

    struct Source
    {
        std::unique_ptr<juce::AudioFormatReader> reader; // none when `decoded` holds everything the clip reads
        juce::File file; // checked now and then: a file deleted or cut short during playback plays as silence
        std::shared_ptr<const DecodedAudio> decoded; // OnDemand: the file's frames this clip reads, decoded once
        int64_t sourceOffset = 0;
        int64_t loopLength = 0;
        int64_t length = 0; // clip timeline length; nothing past it is read
    };

    /// `capacity` (Streamed): frames the ring holds, a power of two.
    explicit ClipStream(Source source, Mode mode = Mode::Streamed, int capacity = liveCapacity);
    ~ClipStream();

    // --- audio thread (Streamed), render thread (OnDemand) ------------------------------
    /// Writes frames [position, position + n) into dest (2 channels), or silence when they
    /// are not buffered yet. Returns whether the audio was there.
    bool read(int64_t position, float* const* dest, int n) noexcept;
    /// Same, but adds gain * audio into dest (nothing when not buffered).
    bool addTo(int64_t position, float* const* dest, int n, float gain) noexcept;
    /// Where playback will jump back to (the transport loop start): the filler keeps the
    /// first cueCapacity frames from there at hand, so a loop wrap plays without a gap.
    /// OnDemand streams read any position at once and ignore it.
    void cue(int64_t position) noexcept;

    // --- filler of a Streamed stream (the streaming thread, or a test's thread) ---------
    /// Reads ahead of the reader, at most `maxFrames` and not past clip frame `upTo`.
    /// Returns frames read.
    int fill(int maxFrames, int64_t upTo = INT64_MAX);

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
    /// Frames [clipPosition, clipPosition + n) of the source into `out`; false (and silence
    /// where it failed) when the file could not be read. Only WAV files (wav) can add.
    bool readSource(int64_t clipPosition, int n, FrameSink out);
    void fillCue();
    bool readNow(int64_t position, float* const* dest, int n) noexcept;
    bool addNow(int64_t position, float* const* dest, int n, float gain) noexcept;

    int ringIndex(int64_t position) const noexcept { return static_cast<int>(position & (ringFrames - 1)); }

    Source source;
    const Mode mode;
    const int ringFrames;                 // a power of two; OnDemand: onDemandChunk
    juce::AudioBuffer<float> ring;        // 2 x ringFrames; never read before the filler wrote it

    std::atomic<uint64_t> requested{0};   // reader -> filler: generation | start
    std::atomic<uint64_t> consumed{0};    // reader -> filler: generation | frames read up to
    std::atomic<uint64_t> filled{0};      // filler -> reader: generation | frames valid up to

    juce::AudioBuffer<float> cueAudio;    // cueCapacity frames from the cue point (Streamed); read only where filled
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
