#include "devices/OfflineDeviceType.h"

#include "devices/OfflineDevice.h"

namespace loophole::signal {

OfflineDeviceType::OfflineDeviceType() : juce::AudioIODeviceType(kTypeName) {}

juce::StringArray OfflineDeviceType::getDeviceNames(bool wantInputNames) const
{
    if (wantInputNames)
        return {};
    return { kDeviceName };
}

int OfflineDeviceType::getIndexOfDevice(juce::AudioIODevice* device, bool asInput) const
{
    return (! asInput && dynamic_cast<OfflineDevice*>(device) != nullptr) ? 0 : -1;
}

juce::AudioIODevice* OfflineDeviceType::createDevice(const juce::String& outputDeviceName,
                                                     const juce::String&)
{
    if (outputDeviceName.isNotEmpty() && outputDeviceName != kDeviceName)
        return nullptr;
    return new OfflineDevice();
}

} // namespace loophole::signal
