// MIDI from device threads to the audio thread. Producers (JUCE's MIDI input threads)
// serialise on a spin lock among themselves; the audio thread's side takes no lock and
// never allocates, and drops events past what the block's reserved MidiBuffer holds.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <array>
#include <cstdint>

namespace loophole::signal {

class MidiInputQueue
{
public:
    static constexpr int kCapacity = 1024;
    static constexpr int kMaxBytes = 3; // channel voice messages; sysex is not forwarded

    /// Device threads.
    void push(const juce::MidiMessage& message);

    /// Audio thread: moves every waiting event into `block` at sample offset 0.
    void drainInto(juce::MidiBuffer& block) noexcept;

private:
    struct Event
    {
        uint8_t bytes[kMaxBytes] {};
        uint8_t size = 0;
    };

    juce::AbstractFifo fifo { kCapacity };
    std::array<Event, kCapacity> events {};
    juce::SpinLock producers;
};

} // namespace loophole::signal
