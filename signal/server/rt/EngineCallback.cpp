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
    const auto started = juce::Time::getHighResolutionTicks();
    midiBlock.clear(); // keeps the reserved capacity
    midi.drainInto(midiBlock);
    engine.process(outputs, numOutputs, inputs, numInputs, numSamples, midiBlock);
    samples.fetch_add(numSamples, std::memory_order_relaxed);

    const double spent = juce::Time::highResolutionTicksToSeconds(juce::Time::getHighResolutionTicks() - started);
    load.store(float(spent * sampleRate / double(std::max(numSamples, 1))), std::memory_order_relaxed);
}

void EngineCallback::audioDeviceAboutToStart(juce::AudioIODevice* device)
{
    std::lock_guard lock(controlLock);
    sampleRate = device->getCurrentSampleRate();
    const int outputs = device->getActiveOutputChannels().countNumberOfSetBits();
    engine.prepare(sampleRate, device->getCurrentBufferSizeSamples(), outputs);
}

void EngineCallback::audioDeviceStopped() {}

} // namespace loophole::signal
