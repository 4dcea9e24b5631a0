#include "ClapInsert.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

namespace loophole::signal::clapformat {

namespace {
constexpr size_t maxEventsPerBlock = 2048;
constexpr char stateMagic[4] = { 'L', 'P', 'C', 'S' };  // the plugin's own clap.state bytes follow
constexpr char paramsMagic[4] = { 'L', 'P', 'C', 'P' }; // (id, value) pairs follow

clap::EventHeader header(uint32_t size, uint32_t time, uint16_t type)
{
    return { size, time, clap::coreEventSpace, type, 0 };
}
} // namespace

std::unique_ptr<ClapInsert> ClapInsert::create(const std::string& path, const std::string& pluginId,
                                               ipc::PluginDescriptionT description, std::string& error)
{
    auto module = ClapModule::load(path, error);
    if (module == nullptr)
        return nullptr;
    auto instance = ClapInstance::create(std::move(module), pluginId, error);
    if (instance == nullptr)
        return nullptr;
    return std::unique_ptr<ClapInsert>(new ClapInsert(std::move(instance), std::move(description)));
}

ClapInsert::ClapInsert(std::unique_ptr<ClapInstance> instance, ipc::PluginDescriptionT description)
    : HostedInsert(std::move(description)), instance_(std::move(instance))
{
    events_.reserve(maxEventsPerBlock);
    outEvents_.ctx = this;
    outEvents_.tryPush = [](const clap::OutputEvents*, const clap::EventHeader*) { return true; };
    pendingValues_.reserve(instance_->parameters().size());
}

ClapInsert::~ClapInsert() { release(); }

void ClapInsert::prepare(double sampleRate, int maxBlockSize)
{
    release();
    maxBlock_ = maxBlockSize;
    const auto& in = instance_->mainInput;
    const auto& sc = instance_->sidechainInput;
    const auto& out = instance_->mainOutput;
    const int inChannels = static_cast<int>(in.channels + sc.channels);
    inputs_.setSize(std::max(1, inChannels), maxBlockSize);
    outputs_.setSize(std::max<int>(1, static_cast<int>(out.channels)), maxBlockSize);
    inputs_.clear();
    outputs_.clear();
    inputPointers_.assign(inputs_.getArrayOfWritePointers(), inputs_.getArrayOfWritePointers() + inputs_.getNumChannels());
    outputPointers_.assign(outputs_.getArrayOfWritePointers(), outputs_.getArrayOfWritePointers() + outputs_.getNumChannels());

    inputBusCount_ = 0;
    if (in.present)
        inputBuses_[inputBusCount_++] = { inputPointers_.data(), nullptr, in.channels, 0, 0 };
    if (sc.present)
        inputBuses_[inputBusCount_++] = { inputPointers_.data() + in.channels, nullptr, sc.channels, 0, 0 };
    outputBus_ = { outputPointers_.data(), nullptr, out.channels, 0, 0 };

    instance_->activate(sampleRate, static_cast<uint32_t>(maxBlockSize));
}

void ClapInsert::release()
{
    if (! instance_->isActive())
        return;
    // The audio thread has stopped calling process() by now (engine contract).
    if (processing_)
        instance_->plugin().stopProcessing(&instance_->plugin());
    processing_ = false;
    instance_->deactivate();
}

void ClapInsert::processHosted(InsertContext& context) noexcept
{
    auto& audio = context.audio;
    const int frames = std::min(audio.getNumSamples(), maxBlock_);
    if (! instance_->isActive() || frames <= 0 || audio.getNumChannels() == 0)
        return;
    if (! processing_)
    {
        ClapInstance::markAudioThread();
        processing_ = instance_->plugin().startProcessing(&instance_->plugin());
        if (! processing_)
            return;
    }
    // Plugins are allowed to apply a block's parameter events at its start (DPF does), so
    // the block is split at every change: each lands at time 0 of its own process call.
    int start = 0;
    size_t next = 0;
    const auto& changes = context.parameters;
    while (start < frames)
    {
        const size_t first = next;
        while (next < changes.size() && changes[next].sampleOffset <= start)
            ++next;
        const int end = next < changes.size() ? std::min(frames, changes[next].sampleOffset) : frames;
        processSegment(context, start, end - start, changes.subspan(first, next - first));
        start = end;
    }
}

void ClapInsert::processSegment(InsertContext& context, int start, int length,
                                std::span<const ParameterEvent> changes) noexcept
{
    auto& audio = context.audio;
    const int channels = audio.getNumChannels();
    const auto& plugin = instance_->plugin();

    const uint32_t mainIn = instance_->mainInput.channels;
    for (uint32_t c = 0; c < mainIn; ++c)
        inputs_.copyFrom(static_cast<int>(c), 0, audio, std::min<int>(static_cast<int>(c), channels - 1), start, length);
    for (uint32_t c = 0; c < instance_->sidechainInput.channels; ++c)
    {
        const int dest = static_cast<int>(mainIn + c);
        const auto* sidechain = context.sidechain;
        if (sidechain != nullptr && sidechain->getNumChannels() > 0 && sidechain->getNumSamples() >= start + length)
            inputs_.copyFrom(dest, 0, *sidechain, std::min<int>(static_cast<int>(c), sidechain->getNumChannels() - 1), start, length);
        else
            inputs_.clear(dest, 0, length);
    }

    addEvents(context, start, length, changes);
    fillTransport(context.transport, start);
    const clap::Process process {
        steadyTime_, static_cast<uint32_t>(length), &transport_,
        inputBuses_, &outputBus_, inputBusCount_, 1,
        events_.vtable(), &outEvents_,
    };
    steadyTime_ += length;
    if (plugin.process(&plugin, &process) == clap::processError)
    {
        audio.clear(start, length);
        return;
    }
    const int outChannels = static_cast<int>(instance_->mainOutput.channels);
    if (outChannels == 0)
        return;
    for (int c = 0; c < channels; ++c)
        audio.copyFrom(c, start, outputs_, std::min(c, outChannels - 1), 0, length);
}

void ClapInsert::addEvents(const InsertContext& context, int start, int length,
                           std::span<const ParameterEvent> changes) noexcept
{
    events_.clear();
    const auto& params = instance_->parameters();
    auto paramEvent = [](clap::Id id, double value) {
        return clap::ParamValueEvent { header(sizeof(clap::ParamValueEvent), 0, clap::paramValue),
                                       id, nullptr, -1, -1, -1, -1, value };
    };

    // Restored parameter values land at the block start.
    if (pendingReady_.load(std::memory_order_acquire))
    {
        for (const auto& [id, value] : pendingValues_)
            events_.push(paramEvent(id, value));
        pendingReady_.store(false, std::memory_order_release);
    }
    for (const auto& change : changes)
    {
        if (change.index >= params.size())
            continue;
        const auto& info = params[change.index];
        double value = info.minValue + static_cast<double>(change.value) * (info.maxValue - info.minValue);
        if (info.stepped)
            value = std::round(value);
        events_.push(paramEvent(info.id, value));
    }
    if (! instance_->acceptsMidi)
        return;
    for (const auto metadata : context.midi)
    {
        if (metadata.samplePosition < start || metadata.samplePosition >= start + length)
            continue;
        const auto message = metadata.getMessage();
        const auto time = static_cast<uint32_t>(metadata.samplePosition - start);
        if (message.getRawDataSize() > 3)
            continue;
        if (instance_->prefersClapNotes && (message.isNoteOn() || message.isNoteOff()))
        {
            const bool on = message.isNoteOn();
            events_.push(clap::NoteEvent {
                header(sizeof(clap::NoteEvent), time, on ? clap::noteOn : clap::noteOff), -1, 0,
                static_cast<int16_t>(message.getChannel() - 1), static_cast<int16_t>(message.getNoteNumber()),
                message.getFloatVelocity() });
            continue;
        }
        clap::MidiEvent event { header(sizeof(clap::MidiEvent), time, clap::midi), 0, { 0, 0, 0 } };
        std::memcpy(event.data, message.getRawData(), static_cast<size_t>(message.getRawDataSize()));
        events_.push(event);
    }
}

void ClapInsert::fillTransport(const TransportInfo& t, int offset) noexcept
{
    const double beatsPerSample = t.bpm / 60.0 / std::max(1.0, t.sampleRate);
    const double seconds = static_cast<double>(t.timelineSample + (t.playing ? offset : 0)) / std::max(1.0, t.sampleRate);
    const double beats = t.ppqPosition + (t.playing ? offset * beatsPerSample : 0.0);
    transport_ = {};
    transport_.header = header(sizeof(clap::TransportEvent), 0, clap::transport);
    transport_.flags = clap::transportHasTempo | clap::transportHasBeatsTimeline | clap::transportHasSecondsTimeline
                     | clap::transportHasTimeSignature | (t.playing ? clap::transportIsPlaying : 0u)
                     | (t.looping ? clap::transportIsLoopActive : 0u);
    transport_.songPosBeats = static_cast<clap::BeatTime>(std::llround(beats * clap::beatTimeFactor));
    transport_.songPosSeconds = static_cast<clap::SecTime>(std::llround(seconds * clap::secTimeFactor));
    transport_.tempo = t.bpm;
    transport_.loopStartBeats = static_cast<clap::BeatTime>(std::llround(static_cast<double>(t.loopStart) * beatsPerSample * clap::beatTimeFactor));
    transport_.loopEndBeats = static_cast<clap::BeatTime>(std::llround(static_cast<double>(t.loopEnd) * beatsPerSample * clap::beatTimeFactor));
    transport_.loopStartSeconds = static_cast<clap::SecTime>(std::llround(static_cast<double>(t.loopStart) / std::max(1.0, t.sampleRate) * clap::secTimeFactor));
    transport_.loopEndSeconds = static_cast<clap::SecTime>(std::llround(static_cast<double>(t.loopEnd) / std::max(1.0, t.sampleRate) * clap::secTimeFactor));
    transport_.barStart = static_cast<clap::BeatTime>(std::llround(t.ppqOfLastBarStart * clap::beatTimeFactor));
    const double beatsPerBar = t.timeSigNumerator * 4.0 / std::max(1, t.timeSigDenominator);
    transport_.barNumber = static_cast<int32_t>(t.ppqOfLastBarStart / std::max(1.0, beatsPerBar));
    transport_.tsigNum = static_cast<uint16_t>(t.timeSigNumerator);
    transport_.tsigDenom = static_cast<uint16_t>(t.timeSigDenominator);
}

std::vector<uint8_t> ClapInsert::saveState()
{
    const auto& plugin = instance_->plugin();
    std::vector<uint8_t> bytes;
    if (auto* state = instance_->state())
    {
        bytes.assign(stateMagic, stateMagic + 4);
        const clap::OutputStream stream { &bytes, [](const clap::OutputStream* s, const void* data, uint64_t size) -> int64_t {
            auto* out = static_cast<std::vector<uint8_t>*>(s->ctx);
            auto* first = static_cast<const uint8_t*>(data);
            out->insert(out->end(), first, first + size);
            return static_cast<int64_t>(size);
        } };
        if (state->save(&plugin, &stream))
            return bytes;
        bytes.clear();
    }
    // No clap.state (or it failed): the parameter values are the state.
    bytes.assign(paramsMagic, paramsMagic + 4);
    auto* params = instance_->params();
    for (const auto& info : instance_->parameters())
    {
        double value = info.defaultValue;
        if (params != nullptr)
            params->getValue(&plugin, info.id, &value);
        const auto* idBytes = reinterpret_cast<const uint8_t*>(&info.id);
        const auto* valueBytes = reinterpret_cast<const uint8_t*>(&value);
        bytes.insert(bytes.end(), idBytes, idBytes + sizeof(info.id));
        bytes.insert(bytes.end(), valueBytes, valueBytes + sizeof(value));
    }
    return bytes;
}

bool ClapInsert::restoreState(std::span<const uint8_t> bytes)
{
    if (bytes.size() < 4)
        return false;
    const auto& plugin = instance_->plugin();
    const auto body = bytes.subspan(4);
    if (std::memcmp(bytes.data(), stateMagic, 4) == 0)
    {
        auto* state = instance_->state();
        if (state == nullptr)
            return false;
        struct Reader { std::span<const uint8_t> data; size_t at = 0; } reader { body };
        const clap::InputStream stream { &reader, [](const clap::InputStream* s, void* out, uint64_t size) -> int64_t {
            auto* r = static_cast<Reader*>(s->ctx);
            const size_t n = std::min<size_t>(size, r->data.size() - r->at);
            std::memcpy(out, r->data.data() + r->at, n);
            r->at += n;
            return static_cast<int64_t>(n);
        } };
        return state->load(&plugin, &stream);
    }
    if (std::memcmp(bytes.data(), paramsMagic, 4) != 0)
        return false;
    constexpr size_t entry = sizeof(clap::Id) + sizeof(double);
    if (body.size() % entry != 0)
        return false;
    std::vector<std::pair<clap::Id, double>> values;
    for (size_t at = 0; at < body.size(); at += entry)
    {
        clap::Id id;
        double value;
        std::memcpy(&id, body.data() + at, sizeof(id));
        std::memcpy(&value, body.data() + at + sizeof(id), sizeof(value));
        if (! std::isfinite(value))
            return false;
        values.emplace_back(id, value);
    }
    return applyParameterValues(values);
}

bool ClapInsert::applyParameterValues(const std::vector<std::pair<clap::Id, double>>& values)
{
    auto* params = instance_->params();
    if (params == nullptr)
        return values.empty();
    if (! instance_->isActive())
    {
        // Not processing: the plugin takes the values through params.flush right now.
        ClapEventList list;
        list.reserve(values.size());
        for (const auto& [id, value] : values)
            list.push(clap::ParamValueEvent { header(sizeof(clap::ParamValueEvent), 0, clap::paramValue),
                                              id, nullptr, -1, -1, -1, -1, value });
        params->flush(&instance_->plugin(), list.vtable(), &outEvents_);
        return true;
    }
    // Active: hand them to the audio thread, which sends them at the next block start.
    for (int waited = 0; pendingReady_.load(std::memory_order_acquire); ++waited)
    {
        if (waited > 1000)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    pendingValues_.assign(values.begin(), values.begin() + std::min(values.size(), pendingValues_.capacity()));
    pendingReady_.store(true, std::memory_order_release);
    return true;
}

} // namespace loophole::signal::clapformat
