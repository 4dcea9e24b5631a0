// Owns the audio and MIDI devices and keeps the engine fed by them. Runs on the message
// thread (JUCE's device classes expect it). Devices can be switched while the server runs:
// the old one stops, the engine is prepared for the new format, the new one starts.
//
// juce::AudioDeviceManager supplies the JACK and ALSA device types, but the device is
// driven directly rather than through the manager, whose own audio callback takes a lock.
#pragma once

#include "control/Engine.h"
#include "loophole/ipc/replies_generated.h"
#include "rt/EngineCallback.h"

#include <juce_audio_devices/juce_audio_devices.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace loophole::signal {

struct DeviceRequest
{
    std::string backend = "auto"; // jack, alsa, offline, auto
    std::string device;           // empty = the backend's default
    double sampleRate = 0;        // 0 = the device's (or the current) choice
    int bufferSize = 0;
};

struct DeviceFormat
{
    std::string backend; // jack, alsa, offline
    std::string device;
    uint32_t sampleRate = 0;
    uint32_t bufferSize = 0;
};

class DeviceHost final : private juce::Timer, private juce::MidiInputCallback
{
public:
    DeviceHost(Engine& engine, std::recursive_mutex& controlLock);
    ~DeviceHost() override;

    /// Switches to the requested device; on failure the previous one keeps running and
    /// the reason is returned. Empty string on success.
    std::string open(DeviceRequest request);
    void close();

    /// Thread-safe.
    DeviceFormat current() const;

    std::vector<std::unique_ptr<ipc::AudioDeviceT>> list();

    /// Opens every MIDI input; their events reach the engine's next block.
    void openAllMidiInputs();

    EngineCallback& callback() { return engineCallback; }

private:
    std::string tryOpen(const DeviceRequest& request);
    juce::AudioIODeviceType* typeFor(const std::string& backend);
    void timerCallback() override;
    void handleIncomingMidiMessage(juce::MidiInput*, const juce::MidiMessage&) override;

    Engine& engine;
    EngineCallback engineCallback;
    juce::AudioDeviceManager manager;
    std::unique_ptr<juce::AudioIODevice> device;
    DeviceRequest active;
    int lastXruns = 0;
    std::vector<std::unique_ptr<juce::MidiInput>> midiInputs;

    mutable std::mutex formatMutex;
    DeviceFormat format;
};

} // namespace loophole::signal
