// The device's audio callback: hands each block and the waiting MIDI to the engine and
// advances the engine clock. Everything here runs on the audio thread except
// audioDeviceAboutToStart/Stopped, which the device calls while it is not processing.
#pragma once

#include "control/Engine.h"
#include "rt/CallbackTiming.h"
#include "rt/MidiInputQueue.h"

#include <juce_audio_devices/juce_audio_devices.h>

#include <atomic>
#include <mutex>

namespace loophole::signal {

class EngineCallback final : public juce::AudioIODeviceCallback
{
public:
    /// `controlLock` serialises the engine's control methods (prepare among them).
    EngineCallback(Engine& engine, std::recursive_mutex& controlLock);

    MidiInputQueue& midiInput() { return midi; }

    /// How long the callbacks take against their blocks (the engine's own lateness).
    CallbackTiming& timing() { return callbackTiming; }

    /// Samples processed since the server started: the engine clock of Pong and Telemetry.
    int64_t engineSample() const noexcept { return samples.load(std::memory_order_relaxed); }

    void audioDeviceIOCallbackWithContext(const float* const* inputs, int numInputs,
                                          float* const* outputs, int numOutputs, int numSamples,
                                          const juce::AudioIODeviceCallbackContext&) override;
    void audioDeviceAboutToStart(juce::AudioIODevice* device) override;
    void audioDeviceStopped() override;

private:
    static constexpr int kMidiBufferBytes = 64 * 1024;

    Engine& engine;
    std::recursive_mutex& controlLock;
    MidiInputQueue midi;
    CallbackTiming callbackTiming;
    juce::MidiBuffer midiBlock;
    std::atomic<int64_t> samples { 0 };
};

} // namespace loophole::signal
