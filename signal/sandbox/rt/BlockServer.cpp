#include "rt/BlockServer.h"

#include "rt/DoneSignal.h"
#include "rt/Futex.h"
#include "rt/MidiBytes.h"
#include "rt/RobustClaim.h"

#include <algorithm>
#include <pthread.h>
#include <sched.h>

namespace loophole::signal::sandbox {

namespace {

/// The engine's audio thread waits for this one, so it should not queue behind ordinary
/// threads. Without the privilege (no CAP_SYS_NICE / rtprio limit) it stays a normal thread.
void askForRealTimePriority() noexcept
{
    sched_param param {};
    param.sched_priority = 60; // below JACK's own driver thread (70 in our setup)
    ::pthread_setschedparam(::pthread_self(), SCHED_FIFO, &param);
}

} // namespace

BlockServer::BlockServer(InsertProcessor& insert, void* regionBase, uint32_t maxBlock)
    : insert_(insert), base_(regionBase), layout_(maxBlock)
{
    midi_.ensureSize(midiCapacityBytes);
    // A fresh host starts idle: whatever the engine asked its predecessor is answered.
    auto& header = headerOf(base_);
    header.done.store(header.request.load(std::memory_order_acquire), std::memory_order_release);
    // The engine may send a block as soon as the host replies to its load: by then the block
    // thread owns hostLife, so even the first block's wait ends when the host dies.
    std::promise<void> claimed;
    auto ready = claimed.get_future();
    thread_ = std::thread([this, claimed = std::move(claimed)]() mutable { serve(claimed); });
    ready.wait();
}

BlockServer::~BlockServer()
{
    stopping_.store(true);
    futexWake(headerOf(base_).request);
    thread_.join();
}

void BlockServer::serve(std::promise<void>& claimed) noexcept
{
    askForRealTimePriority();
    auto& header = headerOf(base_);
    RobustClaim life;
    life.claim(header.hostLife);
    claimed.set_value();
    uint32_t answered = header.done.load(std::memory_order_acquire);
    while (! stopping_.load(std::memory_order_relaxed))
    {
        const uint32_t asked = header.request.load(std::memory_order_acquire);
        if (asked == answered)
        {
            // Woken by the engine; the timeout only lets this thread notice it should stop.
            futexWaitUntil(header.request, asked, monotonicAfter(200'000'000));
            continue;
        }
        processOne();
        answered = asked;
        publishDone(header, asked);
    }
    life.release();
}

void BlockServer::processOne() noexcept
{
    auto& header = headerOf(base_);
    const int frames = std::clamp<int>(header.frames, 0, static_cast<int>(layout_.maxBlock));
    const int channels = std::clamp(header.channels, 0, maxChannels);
    const int sidechainChannels = std::clamp(header.sidechainChannels, 0, maxChannels);

    float* audio[maxChannels] {};
    float* sidechain[maxChannels] {};
    for (int c = 0; c < maxChannels; ++c)
    {
        audio[c] = layout_.audio(base_, c);
        sidechain[c] = layout_.sidechain(base_, c);
    }
    audio_.setDataToReferTo(audio, channels, frames);
    if (sidechainChannels > 0)
        sidechain_.setDataToReferTo(sidechain, sidechainChannels, frames);
    unpackMidi(header.midiIn, std::min(header.midiInBytes, midiCapacityBytes), frames, midi_);
    const TransportInfo transport = header.transport;
    const std::span<const ParameterEvent> parameters(header.parameters, std::min(header.parameterCount, maxParameterEvents));

    InsertContext context { audio_, sidechainChannels > 0 ? &sidechain_ : nullptr, midi_, parameters, transport };
    insert_.process(context);

    header.midiOutBytes = packMidi(midi_, header.midiOut, midiCapacityBytes);
    header.latencySamples = insert_.latencySamples();
    header.status = static_cast<uint8_t>(insert_.status());
}

} // namespace loophole::signal::sandbox
