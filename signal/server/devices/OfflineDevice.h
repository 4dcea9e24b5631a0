// The device behind OfflineDeviceType; see there.
#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

#include <atomic>
#include <thread>

namespace loophole::signal {

class OfflineDevice final : public juce::AudioIODevice
{
public:
    OfflineDevice();
    ~OfflineDevice() override;

    juce::StringArray getOutputChannelNames() override { return { "Left", "Right" }; }
    juce::StringArray getInputChannelNames() override { return {}; }
    juce::Array<double> getAvailableSampleRates() override;
    juce::Array<int> getAvailableBufferSizes() override;
    int getDefaultBufferSize() override { return 256; }

    juce::String open(const juce::BigInteger& inputChannels, const juce::BigInteger& outputChannels,
                      double sampleRate, int bufferSizeSamples) override;
    void close() override;
    bool isOpen() override { return opened; }
    void start(juce::AudioIODeviceCallback* callback) override;
    void stop() override;
    bool isPlaying() override { return callback != nullptr; }
    juce::String getLastError() override { return {}; }

    int getCurrentBufferSizeSamples() override { return bufferSize; }
    double getCurrentSampleRate() override { return sampleRate; }
    int getCurrentBitDepth() override { return 32; }
    juce::BigInteger getActiveOutputChannels() const override { return 3; }
    juce::BigInteger getActiveInputChannels() const override { return 0; }
    int getOutputLatencyInSamples() override { return 0; }
    int getInputLatencyInSamples() override { return 0; }
    int getXRunCount() const noexcept override { return xruns.load(); }

private:
    void runClock();

    bool opened = false;
    double sampleRate = 48000.0;
    int bufferSize = 256;
    juce::AudioBuffer<float> outputs;
    juce::AudioIODeviceCallback* callback = nullptr;
    std::thread clock;
    std::atomic<bool> running { false };
    std::atomic<int> xruns { 0 };
};

} // namespace loophole::signal
