// "Offline": an audio device with no hardware behind it. A clock thread calls the
// callback at real-time pace, so a headless server (CI, render nodes, tests) behaves
// like one playing through a sound card. Late wake-ups are counted as xruns.
#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

namespace loophole::signal {

class OfflineDeviceType final : public juce::AudioIODeviceType
{
public:
    static constexpr const char* kTypeName = "Offline";
    static constexpr const char* kDeviceName = "Offline clock";

    OfflineDeviceType();

    void scanForDevices() override {}
    juce::StringArray getDeviceNames(bool wantInputNames) const override;
    int getDefaultDeviceIndex(bool) const override { return 0; }
    int getIndexOfDevice(juce::AudioIODevice* device, bool) const override;
    bool hasSeparateInputsAndOutputs() const override { return false; }
    juce::AudioIODevice* createDevice(const juce::String& outputDeviceName,
                                      const juce::String& inputDeviceName) override;
};

} // namespace loophole::signal
