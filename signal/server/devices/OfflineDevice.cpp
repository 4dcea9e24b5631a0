#include "devices/OfflineDevice.h"

#include "devices/OfflineDeviceType.h"

#include <chrono>
#include <pthread.h>

namespace loophole::signal {

OfflineDevice::OfflineDevice()
    : juce::AudioIODevice(OfflineDeviceType::kDeviceName, OfflineDeviceType::kTypeName)
{
}

OfflineDevice::~OfflineDevice()
{
    close();
}

juce::Array<double> OfflineDevice::getAvailableSampleRates()
{
    return { 22050.0, 32000.0, 44100.0, 48000.0, 88200.0, 96000.0, 176400.0, 192000.0 };
}

juce::Array<int> OfflineDevice::getAvailableBufferSizes()
{
    return { 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 };
}

juce::String OfflineDevice::open(const juce::BigInteger&, const juce::BigInteger&,
                                 double newSampleRate, int newBufferSize)
{
    close();
    sampleRate = newSampleRate > 0 ? newSampleRate : 48000.0;
    bufferSize = newBufferSize > 0 ? newBufferSize : getDefaultBufferSize();
    if (sampleRate < 8000.0 || sampleRate > 384000.0 || bufferSize > 8192)
        return "the offline clock runs at 8 kHz .. 384 kHz with at most 8192 frames";
    outputs.setSize(2, bufferSize);
    opened = true;
    return {};
}

void OfflineDevice::close()
{
    stop();
    opened = false;
}

void OfflineDevice::start(juce::AudioIODeviceCallback* newCallback)
{
    if (! opened || newCallback == nullptr || running)
        return;
    callback = newCallback;
    callback->audioDeviceAboutToStart(this);
    running = true;
    clock = std::thread([this] { runClock(); });
}

void OfflineDevice::stop()
{
    if (running.exchange(false) && clock.joinable())
        clock.join();
    if (auto* stopped = std::exchange(callback, nullptr))
        stopped->audioDeviceStopped();
}

void OfflineDevice::runClock()
{
    using Clock = std::chrono::steady_clock;
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(bufferSize / sampleRate));
    const juce::AudioIODeviceCallbackContext context {};
    // Real-time priority when the system grants it, as a sound card's thread would have;
    // without it the clock still runs, only with more jitter.
    sched_param priority {};
    priority.sched_priority = 10;
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &priority);
    auto deadline = Clock::now();

    while (running.load(std::memory_order_relaxed)) {
        outputs.clear();
        callback->audioDeviceIOCallbackWithContext(nullptr, 0, outputs.getArrayOfWritePointers(), 2,
                                                   bufferSize, context);
        deadline += period;
        const auto now = Clock::now();
        if (now > deadline + period) {
            // A whole block late: a real device would have dropped out here.
            xruns.fetch_add(1);
            deadline = now;
        }
        std::this_thread::sleep_until(deadline);
    }
}

} // namespace loophole::signal
