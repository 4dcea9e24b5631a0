#include "rt/EngineCallback.h"

namespace loophole::signal {

EngineCallback::EngineCallback(Engine& e, std::recursive_mutex& lock)
    : engine(e), controlLock(lock)
{
    midiBlock.ensureSize(kMidiBufferBytes);
}

void EngineCallback::audioDeviceIOCallbackWithContext(const float* const* inputs, int numInputs,
                                                      float* const* outputs, int numOutputs,
                                                      int numSamples,
                                                      const juce::AudioIODeviceCallbackContext&)
{
    const auto started = CallbackTiming::Clock::now();
    midiBlock.clear(); // keeps the reserved capacity
    midi.drainInto(midiBlock);
    engine.process(outputs, numOutputs, inputs, numInputs, numSamples, midiBlock);
    samples.fetch_add(numSamples, std::memory_order_relaxed);
    callbackTiming.record(started, CallbackTiming::Clock::now(), numSamples);
}

void EngineCallback::audioDeviceAboutToStart(juce::AudioIODevice* device)
{
    std::lock_guard lock(controlLock);
    const int outputs = device->getActiveOutputChannels().countNumberOfSetBits();
    callbackTiming.prepare(device->getCurrentSampleRate());
    engine.prepare(device->getCurrentSampleRate(), device->getCurrentBufferSizeSamples(), outputs);
}

void EngineCallback::audioDeviceStopped() {}

} // namespace loophole::signal
