#include "devices/DeviceHost.h"

#include "devices/OfflineDeviceType.h"

namespace loophole::signal {

namespace {

const char* juceTypeName(const std::string& backend)
{
    if (backend == "jack") return "JACK";
    if (backend == "alsa") return "ALSA";
    if (backend == "offline") return OfflineDeviceType::kTypeName;
    return nullptr;
}

} // namespace

DeviceHost::DeviceHost(Engine& e, std::recursive_mutex& controlLock)
    : engine(e), engineCallback(e, controlLock)
{
    manager.getAvailableDeviceTypes(); // JUCE's own types first: it only makes them into an empty list
    manager.addAudioDeviceType(std::make_unique<OfflineDeviceType>());
    startTimerHz(10);
}

DeviceHost::~DeviceHost()
{
    stopTimer();
    for (auto& input : midiInputs)
        input->stop();
    close();
}

juce::AudioIODeviceType* DeviceHost::typeFor(const std::string& backend)
{
    const char* name = juceTypeName(backend);
    if (name == nullptr)
        return nullptr;
    for (auto* type : manager.getAvailableDeviceTypes())
        if (type->getTypeName() == name)
            return type;
    return nullptr;
}

void DeviceHost::close()
{
    if (device != nullptr) {
        device->stop();
        device->close();
        device.reset();
    }
}

std::string DeviceHost::open(DeviceRequest request)
{
    if (request.backend == "auto") {
        for (const char* backend : { "jack", "alsa", "offline" }) {
            auto attempt = request;
            attempt.backend = backend;
            if (tryOpen(attempt).empty())
                return {};
        }
        return "no audio backend could be opened";
    }
    if (juceTypeName(request.backend) == nullptr)
        return "unknown audio backend \"" + request.backend + "\" (expected jack, alsa, offline or auto)";

    // 0 = keep the running format, where the new device supports it.
    const bool keepRate = request.sampleRate == 0 && device != nullptr;
    const bool keepBuffer = request.bufferSize == 0 && device != nullptr;
    if (keepRate)
        request.sampleRate = device->getCurrentSampleRate();
    if (keepBuffer)
        request.bufferSize = device->getCurrentBufferSizeSamples();

    const auto previous = active;
    const bool hadDevice = device != nullptr;
    auto error = tryOpen(request);
    if (! error.empty() && device != nullptr && (keepRate || keepBuffer)) {
        auto deviceDefaults = request;
        deviceDefaults.sampleRate = keepRate ? 0 : request.sampleRate;
        deviceDefaults.bufferSize = keepBuffer ? 0 : request.bufferSize;
        if (tryOpen(deviceDefaults).empty())
            return {};
    }
    if (! error.empty() && hadDevice && device == nullptr && ! tryOpen(previous).empty())
        tryOpen({ "offline", {}, 48000.0, 256 }); // never leave the engine without a clock
    return error;
}

std::string DeviceHost::tryOpen(const DeviceRequest& request)
{
    auto* type = typeFor(request.backend);
    if (type == nullptr)
        return "the " + request.backend + " backend is not available in this build";
    type->scanForDevices();
    const auto outputs = type->getDeviceNames(false);
    const auto inputs = type->getDeviceNames(true);
    if (outputs.isEmpty())
        return "the " + request.backend + " backend has no devices (is its server running?)";

    juce::String outputName = request.device.empty()
        ? outputs[std::max(0, type->getDefaultDeviceIndex(false))]
        : juce::String(request.device);
    if (! outputs.contains(outputName))
        return "no " + request.backend + " device named \"" + request.device + "\"";
    juce::String inputName = type->hasSeparateInputsAndOutputs() && ! inputs.isEmpty()
        ? inputs[std::max(0, type->getDefaultDeviceIndex(true))]
        : juce::String();

    std::unique_ptr<juce::AudioIODevice> candidate(type->createDevice(outputName, inputName));
    if (candidate == nullptr)
        return "cannot create " + request.backend + " device \"" + outputName.toStdString() + "\"";

    const auto rates = candidate->getAvailableSampleRates();
    if (request.sampleRate > 0 && request.backend != "jack" && ! rates.contains(request.sampleRate))
        return request.backend + " device \"" + outputName.toStdString() + "\" does not support "
             + std::to_string(int(request.sampleRate)) + " Hz";

    close(); // two clients of one device (or one JACK client name) cannot coexist
    juce::BigInteger stereo;
    stereo.setRange(0, 2, true);
    const auto error = candidate->open({}, stereo, request.sampleRate > 0 ? request.sampleRate : 48000.0,
                                       request.bufferSize > 0 ? request.bufferSize
                                                              : candidate->getDefaultBufferSize());
    if (error.isNotEmpty())
        return "cannot open " + request.backend + " device \"" + outputName.toStdString() + "\": "
             + error.toStdString();

    candidate->start(&engineCallback);
    if (! candidate->isPlaying()) {
        const auto why = candidate->getLastError().toStdString();
        candidate->close();
        return "cannot start " + request.backend + " device \"" + outputName.toStdString() + "\""
             + (why.empty() ? "" : ": " + why);
    }

    device = std::move(candidate);
    active = request;
    lastXruns = device->getXRunCount();
    std::lock_guard lock(formatMutex);
    format = { request.backend, outputName.toStdString(), uint32_t(device->getCurrentSampleRate()),
               uint32_t(device->getCurrentBufferSizeSamples()) };
    return {};
}

DeviceFormat DeviceHost::current() const
{
    std::lock_guard lock(formatMutex);
    return format;
}

std::vector<std::unique_ptr<ipc::AudioDeviceT>> DeviceHost::list()
{
    std::vector<std::unique_ptr<ipc::AudioDeviceT>> devices;
    for (const char* backend : { "jack", "alsa", "offline" }) {
        auto* type = typeFor(backend);
        if (type == nullptr)
            continue;
        type->scanForDevices();
        for (const auto& name : type->getDeviceNames(false)) {
            auto entry = std::make_unique<ipc::AudioDeviceT>();
            entry->backend = backend;
            entry->name = name.toStdString();
            const bool isCurrent = device != nullptr && device->getName() == name
                                && active.backend == backend;
            std::unique_ptr<juce::AudioIODevice> probe;
            auto* described = isCurrent ? device.get() : (probe.reset(type->createDevice(name, {})), probe.get());
            if (described != nullptr) {
                for (double rate : described->getAvailableSampleRates())
                    entry->sample_rates.push_back(uint32_t(rate));
                for (int size : described->getAvailableBufferSizes())
                    entry->buffer_sizes.push_back(uint32_t(size));
            }
            devices.push_back(std::move(entry));
        }
    }
    return devices;
}

void DeviceHost::openAllMidiInputs()
{
    for (const auto& info : juce::MidiInput::getAvailableDevices()) {
        if (auto input = juce::MidiInput::openDevice(info.identifier, this)) {
            input->start();
            midiInputs.push_back(std::move(input));
        }
    }
}

void DeviceHost::handleIncomingMidiMessage(juce::MidiInput*, const juce::MidiMessage& message)
{
    engineCallback.midiInput().push(message);
}

void DeviceHost::timerCallback()
{
    if (device == nullptr)
        return;
    const int xruns = device->getXRunCount();
    for (int i = lastXruns; i < xruns; ++i)
        engine.reportXrun();
    lastXruns = std::max(lastXruns, xruns);
}

} // namespace loophole::signal
