#include "rt/BlockClient.h"

#include "rt/DoneSignal.h"
#include "rt/Futex.h"
#include "rt/HostAnswer.h"
#include "rt/MidiBytes.h"
#include "rt/OutputGuard.h"

#include <algorithm>
#include <cstring>

namespace loophole::signal::sandbox {

BlockOutcome BlockClient::run(InsertContext& context, const timespec& deadline, int64_t spinNs) noexcept
{
    const int frames = context.audio.getNumSamples();
    if (base_ == nullptr || frames > static_cast<int>(layout_.maxBlock))
        return BlockOutcome::TooLarge;
    auto& header = headerOf(base_);

    // Only this side writes `request`; the host owns the payload until `done` catches up.
    if (hostDied(header))
        return BlockOutcome::HostDied;
    const uint32_t previous = header.request.load(std::memory_order_relaxed);
    if (header.done.load(std::memory_order_acquire) != previous)
        return BlockOutcome::HostBusy;

    const int channels = std::min(context.audio.getNumChannels(), maxChannels);
    for (int c = 0; c < channels; ++c)
        std::memcpy(layout_.audio(base_, c), context.audio.getReadPointer(c), sizeof(float) * size_t(frames));
    int sidechainChannels = 0;
    if (context.sidechain != nullptr)
    {
        sidechainChannels = std::min(context.sidechain->getNumChannels(), maxChannels);
        const int n = std::min(frames, context.sidechain->getNumSamples());
        for (int c = 0; c < sidechainChannels; ++c)
        {
            std::memcpy(layout_.sidechain(base_, c), context.sidechain->getReadPointer(c), sizeof(float) * size_t(n));
            std::fill(layout_.sidechain(base_, c) + n, layout_.sidechain(base_, c) + frames, 0.0f);
        }
    }
    const auto parameterCount = static_cast<uint32_t>(std::min<size_t>(context.parameters.size(), maxParameterEvents));
    std::copy_n(context.parameters.begin(), parameterCount, header.parameters);

    header.frames = frames;
    header.channels = channels;
    header.sidechainChannels = sidechainChannels;
    header.parameterCount = parameterCount;
    header.transport = context.transport;
    header.midiInBytes = packMidi(context.midi, header.midiIn, midiCapacityBytes);

    const uint32_t asked = previous + 1;
    header.request.store(asked, std::memory_order_release);
    futexWake(header.request);
    switch (waitForDone(header, asked, deadline, spinNs))
    {
    case DoneWait::Done:
        break;
    case DoneWait::Late:
        return BlockOutcome::Missed;
    case DoneWait::HostDied:
        return BlockOutcome::HostDied;
    }

    // From here on everything is the host's word, and the host is plugin code (HostAnswer.h): a
    // NaN from a host that skipped its own guard is muted here as it would be in the engine.
    for (int c = 0; c < channels; ++c)
        std::memcpy(context.audio.getWritePointer(c), layout_.audio(base_, c), sizeof(float) * size_t(frames));
    const bool finite = guardOutput(context.audio, frames) == OutputVerdict::Clean;
    unpackMidi(header.midiOut, std::min(header.midiOutBytes, midiCapacityBytes), frames, context.midi);
    hostedStatus_.store(finite ? checkedStatus(header.status) : InsertStatus::BadOutput, std::memory_order_relaxed);
    hostedLatency_.store(checkedLatency(header.latencySamples), std::memory_order_relaxed);
    return BlockOutcome::Processed;
}

} // namespace loophole::signal::sandbox
