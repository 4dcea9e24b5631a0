#include "devices/OfflineDeviceType.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace loophole::signal;

namespace {

class CountingCallback final : public juce::AudioIODeviceCallback
{
public:
    void audioDeviceIOCallbackWithContext(const float* const*, int, float* const* outputs, int numOutputs,
                                          int numSamples, const juce::AudioIODeviceCallbackContext&) override
    {
        EXPECT_EQ(numOutputs, 2);
        outputs[0][0] = 1.0f;
        samples += numSamples;
    }
    void audioDeviceAboutToStart(juce::AudioIODevice* device) override
    {
        preparedRate = device->getCurrentSampleRate();
    }
    void audioDeviceStopped() override { stopped = true; }

    std::atomic<int64_t> samples { 0 };
    double preparedRate = 0;
    std::atomic<bool> stopped { false };
};

} // namespace

TEST(OfflineDevice, ClocksBlocksAtRealTimePace)
{
    OfflineDeviceType type;
    std::unique_ptr<juce::AudioIODevice> device(type.createDevice({}, {}));
    ASSERT_NE(device, nullptr);
    ASSERT_TRUE(device->open({}, 3, 48000.0, 256).isEmpty());

    CountingCallback callback;
    const auto started = std::chrono::steady_clock::now();
    device->start(&callback);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    device->stop();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    EXPECT_EQ(callback.preparedRate, 48000.0);
    EXPECT_TRUE(callback.stopped);
    // Real-time pace: about elapsed * rate samples, give or take a few blocks of scheduling.
    const double expected = elapsed * 48000.0;
    EXPECT_GT(double(callback.samples), expected - 256 * 8);
    EXPECT_LT(double(callback.samples), expected + 256 * 4);
}

TEST(OfflineDevice, RefusesAnImpossibleFormat)
{
    OfflineDeviceType type;
    std::unique_ptr<juce::AudioIODevice> device(type.createDevice({}, {}));
    EXPECT_FALSE(device->open({}, 3, 1000.0, 256).isEmpty());
    EXPECT_EQ(type.createDevice("hw:0", {}), nullptr);
}
