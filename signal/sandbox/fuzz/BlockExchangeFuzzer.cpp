// libFuzzer target: the engine's side of the plugin-host shared-memory protocol against a
// hostile host. A host runs plugin code, which can write anything into the region it shares
// with the engine; here the fuzzer's bytes are the host's whole answer to a block (MIDI byte
// count and bytes, latency, status, raw audio samples), written by a real second thread that
// wakes the engine through the real futex words (rt/DoneSignal.h). Whatever it writes, the
// engine's BlockClient must hand the graph a block it can use: MIDI inside the block, finite
// audio, a latency and a status within range, and no read outside the region.
#include "rt/BlockClient.h"
#include "rt/DoneSignal.h"
#include "rt/Futex.h"
#include "rt/HostAnswer.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>

using namespace loophole::signal;
using namespace loophole::signal::sandbox;

namespace {

constexpr uint32_t maxBlock = 256;

void fail(const char* what)
{
    std::fprintf(stderr, "block exchange: %s\n", what);
    std::abort();
}

/// The region, and a host thread that answers every request with the bytes it is given.
class HostileHost
{
public:
    HostileHost()
    {
        new (base()) BlockHeader;
        headerOf(base()).maxBlock = maxBlock;
        thread_ = std::thread([this] { serve(); });
    }

    void* base() { return storage_.get(); }

    /// The next answer; set before the engine sends (the request's release publishes it).
    void answerWith(const uint8_t* data, size_t size) { answer_ = data; answerSize_ = size; }

private:
    void serve()
    {
        auto& header = headerOf(base());
        uint32_t answered = 0;
        for (;;)
        {
            const uint32_t asked = header.request.load(std::memory_order_acquire);
            if (asked == answered)
            {
                futexWaitUntil(header.request, asked, monotonicAfter(50'000'000));
                continue;
            }
            scribble(header);
            answered = asked;
            publishDone(header, asked);
        }
    }

    /// Writes the answer over every part a host may write: header fields, MIDI out, audio.
    void scribble(BlockHeader& header)
    {
        const uint8_t* at = answer_;
        size_t left = answerSize_;
        auto take = [&](void* to, size_t n) {
            const size_t k = std::min(n, left);
            std::memcpy(to, at, k);
            at += k;
            left -= k;
        };
        take(&header.midiOutBytes, sizeof header.midiOutBytes);
        take(&header.latencySamples, sizeof header.latencySamples);
        take(&header.status, sizeof header.status);
        uint16_t midiBytes = 0;
        take(&midiBytes, sizeof midiBytes);
        take(header.midiOut, std::min<size_t>(midiBytes, midiCapacityBytes));
        const BlockLayout layout(maxBlock);
        for (int c = 0; c < maxChannels; ++c)
            take(layout.audio(base(), c), maxBlock * sizeof(float));
    }

    std::unique_ptr<std::byte[]> storage_ { new (std::align_val_t(64)) std::byte[BlockLayout(maxBlock).totalBytes()] {} };
    const uint8_t* answer_ = nullptr;
    size_t answerSize_ = 0;
    std::thread thread_; // runs for the life of the fuzzing process
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static HostileHost* host = new HostileHost; // never destroyed: its thread outlives the inputs
    static BlockClient client;
    static bool attached = (client.attach(host->base(), maxBlock), true);
    static juce::AudioBuffer<float> audio(maxChannels, int(maxBlock));
    static juce::MidiBuffer midi;
    (void) attached;

    // First byte: the block's shape (frames, channels); the rest is the host's answer.
    const uint8_t shape = size > 0 ? data[0] : 0;
    const int frames = 1 + shape % int(maxBlock);
    const int channels = 1 + (shape >> 7);
    audio.setSize(channels, frames, false, false, true);
    for (int c = 0; c < channels; ++c)
        std::fill(audio.getWritePointer(c), audio.getWritePointer(c) + frames, 0.25f);
    midi.ensureSize(2 * midiCapacityBytes);
    midi.clear();
    midi.addEvent(juce::MidiMessage::noteOn(1, 60, 0.5f), 0);
    const TransportInfo transport {};
    InsertContext context { audio, nullptr, midi, {}, transport };

    host->answerWith(size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
    if (client.run(context, monotonicAfter(5'000'000'000)) != BlockOutcome::Processed)
        fail("a host that answers every block was not heard");

    for (const auto event : midi)
        if (event.samplePosition < 0 || event.samplePosition >= frames)
            fail("a MIDI event outside the block");
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            if (! std::isfinite(audio.getSample(c, i)))
                fail("a non-finite sample reached the graph");
    if (client.hostedLatency() < 0 || client.hostedLatency() > maxHostedLatency)
        fail("a latency out of range");
    if (static_cast<uint8_t>(client.hostedStatus()) > static_cast<uint8_t>(InsertStatus::Failed))
        fail("a status that is no InsertStatus");
    return 0;
}
