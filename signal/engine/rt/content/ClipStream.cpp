#include "content/ClipStream.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>

namespace loophole::signal {

// The ring and cue buffers are not cleared: take() reads only frames the filler has written
// (the generation and position checks), and clearing 64 streams' buffers up front, page
// faults included, was about a tenth of a 10 s offline render of 64 tracks (perf). An
// OnDemand stream has no cue and only a chunk-sized ring.
ClipStream::ClipStream(Source s, Mode m, int capacity)
    : source(std::move(s)), mode(m), ringFrames(m == Mode::OnDemand ? onDemandChunk : capacity), ring(2, ringFrames),
      cueAudio(2, m == Mode::OnDemand ? 0 : cueCapacity)
{
    jassert(ringFrames > 0 && (ringFrames & (ringFrames - 1)) == 0);
    if (source.reader && source.file != juce::File())
        wav = WavFrameReader::open(source.file, *source.reader);
    // WAV files check their own descriptor (SourceFile); other formats compare the path's size;
    // decoded audio no longer depends on the file.
    if (!wav && !source.decoded && source.file != juce::File())
        bytesAtOpen = source.file.getSize();
}

void ClipStream::cue(int64_t position) noexcept
{
    if (mode == Mode::OnDemand || position == cuePosition)
        return;
    cuePosition = position;
    cueGeneration = cueGeneration % 0xFFFF + 1; // never 0, which means "no cue"
    cueRequested.store(pack(cueGeneration, position), std::memory_order_release);
}

ClipStream::~ClipStream() = default;

void ClipStream::request(int64_t position) noexcept
{
    generation = (generation + 1) & 0xFFFF;
    requestStart = position;
    consumed.store(pack(generation, position), std::memory_order_release);
    requested.store(pack(generation, position), std::memory_order_release);
}

template <typename Transfer>
bool ClipStream::take(int64_t position, int n, Transfer&& transfer) noexcept
{
    if (position != expected && !(expected < 0 && position == 0))
        request(position);
    expected = position + n;

    const uint64_t f = filled.load(std::memory_order_acquire);
    const bool ready = generationOf(f) == generation && position >= requestStart && positionOf(f) >= position + n;
    if (!ready)
    {
        // Just jumped back to the cue point: play from the cue copy while the ring refills.
        const uint64_t c = cueFilled.load(std::memory_order_acquire);
        const bool cued = cuePosition >= 0 && generationOf(c) == cueGeneration && position >= cuePosition
                          && position + n <= cuePosition + positionOf(c);
        if (cued)
        {
            const int at = static_cast<int>(position - cuePosition);
            transfer(cueAudio.getReadPointer(0, at), cueAudio.getReadPointer(1, at), 0, n);
        }
        else
            underrunCount.fetch_add(1, std::memory_order_relaxed);
        consumed.store(pack(generation, position + n), std::memory_order_release);
        return cued;
    }
    else
    {
        int index = ringIndex(position);
        int done = 0;
        while (done < n)
        {
            const int run = std::min(n - done, ringFrames - index);
            transfer(ring.getReadPointer(0, index), ring.getReadPointer(1, index), done, run);
            done += run;
            index = 0;
        }
    }
    consumed.store(pack(generation, position + n), std::memory_order_release);
    return ready;
}

bool ClipStream::read(int64_t position, float* const* dest, int n) noexcept
{
    if (mode == Mode::OnDemand)
        return readNow(position, dest, n);
    const bool ready = take(position, n, [dest](const float* l, const float* r, int at, int run) {
        juce::FloatVectorOperations::copy(dest[0] + at, l, run);
        juce::FloatVectorOperations::copy(dest[1] + at, r, run);
    });
    if (!ready)
    {
        juce::FloatVectorOperations::clear(dest[0], n);
        juce::FloatVectorOperations::clear(dest[1], n);
    }
    return ready;
}

bool ClipStream::addTo(int64_t position, float* const* dest, int n, float gain) noexcept
{
    if (mode == Mode::OnDemand)
        return addNow(position, dest, n, gain);
    return take(position, n, [dest, gain](const float* l, const float* r, int at, int run) {
        juce::FloatVectorOperations::addWithMultiply(dest[0] + at, l, gain, run);
        juce::FloatVectorOperations::addWithMultiply(dest[1] + at, r, gain, run);
    });
}

bool ClipStream::readNow(int64_t position, float* const* dest, int n) noexcept
{
    if (!readSource(position, n, FrameSink{ dest[0], dest[1] }))
        errorCount.fetch_add(1, std::memory_order_relaxed);
    return true; // what could not be read is silence, counted as an error
}

bool ClipStream::addNow(int64_t position, float* const* dest, int n, float gain) noexcept
{
    // A WAV file decodes straight into the mix, and decoded audio is added from memory;
    // other formats go through the chunk, which stays in L1. All with the multiply-add the
    // Streamed mode applies to its ring.
    bool ok = true;
    if (wav || source.decoded)
        ok = readSource(position, n, FrameSink{ dest[0], dest[1], gain, true });
    else
        for (int done = 0; done < n; done += ringFrames)
        {
            const int run = std::min(ringFrames, n - done);
            float* left = ring.getWritePointer(0);
            float* right = ring.getWritePointer(1);
            ok = readSource(position + done, run, FrameSink{ left, right }) && ok;
            juce::FloatVectorOperations::addWithMultiply(dest[0] + done, left, gain, run);
            juce::FloatVectorOperations::addWithMultiply(dest[1] + done, right, gain, run);
        }
    if (!ok)
        errorCount.fetch_add(1, std::memory_order_relaxed);
    return true;
}

bool ClipStream::readSource(int64_t clipPosition, int n, FrameSink out)
{
    // A stat per read would cost more than the read; one per ~1/3 s of audio is enough, and
    // offline one per ~2/3 s: a render runs 100 times faster than playback, so that is still
    // checked every few milliseconds, with half the system calls (~2 % of a render).
    // The reader cannot tell by itself: its open descriptor outlives a deletion, and JUCE's
    // readers pad a read past a truncated end with zeros and report success. WAV files ask
    // their own descriptor (fstat); other formats keep JUCE's reader, whose descriptor is
    // out of reach, and stat the path (their decoding costs far more than that).
    // Decoded audio no longer depends on the file.
    framesSinceCheck += n;
    if (!missing && !source.decoded && framesSinceCheck >= (mode == Mode::OnDemand ? 32768 : 16384))
    {
        framesSinceCheck = 0;
        if (wav)
            missing = wav->fileDamaged();
        else
            missing = source.file != juce::File()
                      && (!source.file.existsAsFile() || source.file.getSize() < bytesAtOpen);
    }
    if (missing)
    {
        out.silence(n);
        return false;
    }
    bool ok = true;
    while (n > 0)
    {
        int64_t sourceFrame = source.sourceOffset + clipPosition;
        int run = n;
        if (source.loopLength > 0)
        {
            const int64_t inLoop = clipPosition % source.loopLength;
            sourceFrame = source.sourceOffset + inLoop;
            run = static_cast<int>(std::min<int64_t>(n, source.loopLength - inLoop));
        }
        // The same floats either way (WavFrameReader proves it when it opens the file).
        bool read = true;
        if (source.decoded)
            source.decoded->read(sourceFrame, run, out);
        else if (wav)
            read = wav->read(sourceFrame, run, out);
        else if (sourceFrame >= source.reader->lengthInSamples || sourceFrame + run <= 0)
        {
            // Outside the file is silence, as WavFrameReader plays it. JUCE 7.0.5's readers narrow
            // the frames left before the end to int: far past the end that wraps positive, and
            // the reader seeks to a byte offset that overflows (fuzz_graph_commands, AIFF).
            out.silence(run);
        }
        else
        {
            jassert(!out.add);
            float* both[2] = { out.left, out.right };
            juce::AudioBuffer<float> into(both, 2, run); // refers to out's arrays, allocates nothing
            read = source.reader->read(&into, 0, run, sourceFrame, true, true);
        }
        // A failed read is silence: stored here; an adding sink got it from the WAV reader,
        // which decodes what it could not read as zeros.
        if (!read && !out.add)
            out.silence(run);
        ok = read && ok;
        n -= run;
        out = out.after(run);
        clipPosition += run;
    }
    return ok;
}

void ClipStream::fillCue()
{
    const uint64_t r = cueRequested.load(std::memory_order_acquire);
    if (generationOf(r) != cueFillGeneration)
    {
        cueFillGeneration = generationOf(r);
        cueFrames = 0;
        cueFilled.store(pack(cueFillGeneration, 0), std::memory_order_release);
    }
    const int64_t start = positionOf(r);
    const int wanted = static_cast<int>(std::clamp<int64_t>(source.length - start, 0, cueCapacity));
    if (cueFillGeneration == 0 || cueFrames >= wanted)
        return;
    if (!readSource(start + cueFrames, wanted - cueFrames,
                    FrameSink{ cueAudio.getWritePointer(0, cueFrames), cueAudio.getWritePointer(1, cueFrames) }))
        errorCount.fetch_add(1, std::memory_order_relaxed);
    cueFrames = wanted;
    cueFilled.store(pack(cueFillGeneration, cueFrames), std::memory_order_release);
}

int ClipStream::fill(int maxFrames, int64_t upTo)
{
    fillCue();

    const uint64_t r = requested.load(std::memory_order_acquire);
    if (generationOf(r) != fillGeneration)
    {
        fillGeneration = generationOf(r);
        fillPosition = positionOf(r);
        filled.store(pack(fillGeneration, fillPosition), std::memory_order_release);
    }
    const uint64_t c = consumed.load(std::memory_order_acquire);
    const int64_t readerAt = generationOf(c) == fillGeneration ? positionOf(c) : positionOf(r);
    // Frames the reader has already passed are never read; skip them.
    fillPosition = std::max(fillPosition, readerAt);

    const int64_t limit = std::min({ readerAt + ringFrames, source.length, upTo });
    int total = static_cast<int>(std::clamp<int64_t>(limit - fillPosition, 0, maxFrames));
    int done = 0;
    while (done < total)
    {
        const int index = ringIndex(fillPosition);
        const int run = std::min(total - done, ringFrames - index);
        if (!readSource(fillPosition, run, FrameSink{ ring.getWritePointer(0, index), ring.getWritePointer(1, index) }))
            errorCount.fetch_add(1, std::memory_order_relaxed);
        fillPosition += run;
        done += run;
    }
    if (done > 0)
        filled.store(pack(fillGeneration, fillPosition), std::memory_order_release);
    return done;
}

} // namespace loophole::signal
