#include "control/Engine.h"

#include "control/content/ClipStreamer.h"
#include "control/graph/GraphEdits.h"
#include "control/graph/GraphValidation.h"
#include "control/graph/PlanCompiler.h"
#include "rt/automation/ParameterLedger.h"
#include "rt/automation/ScheduledChange.h"
#include "rt/graph/PlanRenderer.h"
#include "rt/queue/SpscQueue.h"
#include "rt/transport/TransportState.h"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <functional>
#include <thread>

namespace loophole::signal {

namespace {
constexpr int changeCapacity = 16384;
/// How long a full parameter queue may take to drain before a change is refused as Busy.
constexpr int fullQueuePatienceMs = 250;
}

struct Engine::Impl
{
    explicit Impl(InsertFactory& f) : factory(f) { formats.registerBasicFormats(); }

    ~Impl()
    {
        streamer.reset();
        delete pending.exchange(nullptr);
        drainRetired();
        delete current;
    }

    InsertFactory& factory;
    juce::AudioFormatManager formats;
    double sampleRate = 48000.0;
    int maxBlock = 512;
    bool offline = false;
    int64_t decodedAudioBudget = 0;
    bool prepared = false;

    // --- control thread -------------------------------------------------------------
    std::unique_ptr<ipc::GraphSnapshotT> graph = std::make_unique<ipc::GraphSnapshotT>();
    PlanObjects objects;
    RenderPlan* latest = nullptr; // newest published plan; alive until a newer one is published
    std::unique_ptr<ClipStreamer> streamer;
    uint64_t changeOrder = 0;

    // --- handed between threads ----------------------------------------------------
    std::atomic<RenderPlan*> pending{ nullptr };
    SpscQueue<RenderPlan*> retired{ 64 };
    SpscQueue<ScheduledChange> changes{ changeCapacity };
    SpscQueue<TransportChange> transportChanges{ 256 };

    // --- audio thread ----------------------------------------------------------------
    RenderPlan* current = nullptr;
    TransportState transport;
    std::vector<ScheduledChange> waiting = reserved(changeCapacity * 2);
    size_t waitingHead = 0;
    int64_t engineSample = 0;
    bool discontinuity = false;
    ParameterLedger ledger;

    // --- published by the audio thread for telemetry ------------------------------------
    std::atomic<int64_t> clock{ 0 }, position{ 0 };
    std::atomic<bool> playing{ false }, looping{ false };
    std::atomic<float> dspLoad{ 0.0f };
    std::atomic<uint32_t> xruns{ 0 };
    std::atomic<uint64_t> parameterChanges{ 0 }, parameterDigest{ ParameterLedger::offsetBasis };

    static std::vector<ScheduledChange> reserved(size_t n)
    {
        std::vector<ScheduledChange> v;
        v.reserve(n);
        return v;
    }

    CompileSettings settings()
    {
        // Offline, the render thread decodes each clip as it mixes it: no streaming thread.
        if (!offline)
            return { factory, formats, sampleRate, maxBlock, ClipStream::Mode::Streamed };
        return { factory, formats, sampleRate, maxBlock, ClipStream::Mode::OnDemand, decodedAudioBudget };
    }

    void drainRetired()
    {
        RenderPlan* old = nullptr;
        while (retired.pop(old))
            delete old;
    }

    void publish(std::unique_ptr<RenderPlan> plan)
    {
        drainRetired();
        std::vector<std::shared_ptr<ClipStream>> streams;
        for (auto& ch : plan->channels)
            for (auto& clip : ch.audioClips)
                streams.push_back(clip.stream);
        latest = plan.release();
        if (!prepared)
        {
            // Nothing runs yet: install directly.
            delete current;
            current = latest;
        }
        else
            delete pending.exchange(latest); // a plan the audio thread never picked up
        if (streamer)
            streamer->setStreams(std::move(streams));
    }

    /// Validates and compiles `next`; on success it becomes the held graph.
    CommandResult install(std::unique_ptr<ipc::GraphSnapshotT> next)
    {
        if (auto error = validateGraph(*next))
            return error;
        std::unique_ptr<RenderPlan> plan;
        if (auto error = compilePlan(*next, settings(), objects, plan))
            return error;
        graph = std::move(next);
        publish(std::move(plan));
        return std::nullopt;
    }

    // --- audio thread ----------------------------------------------------------------
    void takeNewPlan() noexcept
    {
        if (auto* next = pending.exchange(nullptr))
        {
            adoptPlan(*next);
            // The control thread drains the retire queue before every publish, so it has
            // room; if it ever had not, leaking the old plan beats freeing it here.
            if (current)
                (void) retired.push(current);
            current = next;
        }
    }

    void takeTransportChanges() noexcept
    {
        TransportChange c;
        while (transportChanges.pop(c))
        {
            switch (c.kind)
            {
                case TransportChange::Kind::Play:
                    if (c.position >= 0 && c.position != transport.position)
                    {
                        transport.position = c.position;
                        discontinuity = true;
                    }
                    transport.playing = true;
                    break;
                case TransportChange::Kind::Stop:
                    if (transport.playing)
                        discontinuity = true;
                    transport.playing = false;
                    if (c.position >= 0)
                        transport.position = c.position;
                    break;
                case TransportChange::Kind::Locate:
                    if (c.position >= 0)
                    {
                        transport.position = c.position;
                        discontinuity = true;
                    }
                    break;
                case TransportChange::Kind::Loop:
                    transport.looping = c.loopEnabled;
                    transport.loopStart = c.loopStart;
                    transport.loopEnd = c.loopEnd;
                    break;
            }
        }
    }

    void takeParameterChanges() noexcept
    {
        if (waitingHead > 0)
        {
            waiting.erase(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(waitingHead));
            waitingHead = 0;
        }
        bool added = false;
        ScheduledChange c;
        while (waiting.size() < waiting.capacity() && changes.pop(c))
        {
            if (c.atSample < 0)
                c.atSample = engineSample;
            waiting.push_back(c);
            added = true;
        }
        if (added)
            std::sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) {
                return a.atSample != b.atSample ? a.atSample < b.atSample : a.order < b.order;
            });
    }

    void process(float* const* outputs, int numOutputs, int numFrames) noexcept
    {
        const auto started = juce::Time::getHighResolutionTicks();
        takeNewPlan();
        takeTransportChanges();
        takeParameterChanges();
        for (int c = 0; c < numOutputs; ++c)
            juce::FloatVectorOperations::clear(outputs[c], numFrames);

        int done = 0;
        while (done < numFrames)
        {
            const int frames = transport.framesBeforeWrap(std::min(numFrames - done, maxBlock));
            size_t dueEnd = waitingHead;
            while (dueEnd < waiting.size() && waiting[dueEnd].atSample < engineSample + frames)
                ++dueEnd;
            for (size_t i = waitingHead; i < dueEnd; ++i)
                ledger.record(waiting[i]);
            if (current)
            {
                Segment segment;
                segment.engineSample = engineSample;
                segment.transport = &transport;
                segment.discontinuity = discontinuity;
                segment.due = std::span<const ScheduledChange>(waiting.data() + waitingHead, dueEnd - waitingHead);
                segment.outputs = outputs;
                segment.numOutputs = numOutputs;
                segment.outputOffset = done;
                segment.frames = frames;
                renderSegment(*current, segment);
            }
            waitingHead = dueEnd;
            discontinuity = transport.advance(frames);
            engineSample += frames;
            done += frames;
        }

        clock.store(engineSample, std::memory_order_relaxed);
        position.store(transport.position, std::memory_order_relaxed);
        playing.store(transport.playing, std::memory_order_relaxed);
        looping.store(transport.loopActive(), std::memory_order_relaxed);
        // Digest before count: a reader never sees a count newer than the digest it reads next.
        parameterDigest.store(ledger.digest, std::memory_order_relaxed);
        parameterChanges.store(ledger.changes, std::memory_order_release);
        const double seconds = juce::Time::highResolutionTicksToSeconds(juce::Time::getHighResolutionTicks() - started);
        const float load = static_cast<float>(seconds * sampleRate / std::max(1, numFrames));
        const float previous = dspLoad.load(std::memory_order_relaxed);
        dspLoad.store(previous + 0.1f * (load - previous), std::memory_order_relaxed); // smoothed over ~10 blocks
    }
};

Engine::Engine(InsertFactory& inserts) : impl(std::make_unique<Impl>(inserts)) {}
Engine::~Engine() = default;

void Engine::setOfflineMode(bool offline, int64_t decodedAudioBudget)
{
    impl->offline = offline;
    impl->decodedAudioBudget = decodedAudioBudget;
}

void Engine::prepare(double sampleRate, int maxBlockSize, int)
{
    auto& d = *impl;
    d.prepared = false;
    d.sampleRate = sampleRate;
    d.maxBlock = std::max(1, maxBlockSize);
    // Not concurrent with process(): plans can be replaced directly.
    delete d.pending.exchange(nullptr);
    d.drainRetired();
    if (!d.offline && !d.streamer)
        d.streamer = std::make_unique<ClipStreamer>();
    // Inserts and streams are tied to the old format; compile everything afresh.
    d.objects = {};
    std::unique_ptr<RenderPlan> plan;
    if (!compilePlan(*d.graph, d.settings(), d.objects, plan))
        d.publish(std::move(plan));
    d.prepared = true;
}

CommandResult Engine::loadGraph(const ipc::GraphSnapshot& snapshot)
{
    return impl->install(std::unique_ptr<ipc::GraphSnapshotT>(snapshot.UnPack()));
}

CommandResult Engine::applyGraphDiff(const ipc::GraphDiff& diff)
{
    auto next = copyGraph(*impl->graph);
    std::unique_ptr<ipc::GraphDiffT> unpacked(diff.UnPack());
    if (auto error = applyDiff(*next, *unpacked))
        return error;
    return impl->install(std::move(next));
}

CommandResult Engine::setParameter(const ipc::SetParameter& change)
{
    auto& d = *impl;
    const auto* address = change.address();
    if (!address)
        return CommandError{ ipc::ErrorCode::MalformedFrame, "SetParameter without an address", "address" };
    const auto node = address->node();
    const auto field = std::to_string(node);
    const float value = change.value();
    if (!std::isfinite(value))
        return outOfRange("parameter values must be finite", field);
    if (change.at_sample() < -1)
        return outOfRange("at_sample must be an engine sample or -1", field);

    auto* owner = ownerOf(*d.graph, node);
    if (!owner)
        return CommandError{ ipc::ErrorCode::UnknownNode, "no channel, send or processor has id " + field, field };
    // The held graph (QueryGraph) changes only once the audio thread is sure to get the change:
    // a refused change must leave both as they were.
    std::function<void()> hold = [] {};
    if (owner->id == node)
    {
        using P = ipc::ChannelParam;
        switch (static_cast<P>(address->param()))
        {
            case P::Gain:
                if (value < 0.0f || value > 16.0f)
                    return outOfRange("channel gain must be within 0..16", field + ".gain");
                hold = [owner, value] { owner->gain = value; };
                break;
            case P::Pan:
                if (value < -1.0f || value > 1.0f)
                    return outOfRange("channel pan must be within -1..1", field + ".pan");
                hold = [owner, value] { owner->pan = value; };
                break;
            case P::Mute: hold = [owner, value] { owner->mute = value > 0.5f; }; break;
            case P::Polarity: hold = [owner, value] { owner->polarity_invert = value > 0.5f; }; break;
            default: return outOfRange("channels have parameters 0..3 (gain, pan, mute, polarity)", field + ".param");
        }
    }
    else
    {
        ipc::SendT* send = nullptr;
        for (auto& s : owner->sends)
            if (s->id == node)
                send = s.get();
        if (send)
        {
            if (address->param() != static_cast<uint32_t>(ipc::SendParam::Gain))
                return outOfRange("sends have one parameter, 0 (gain)", field + ".param");
            if (value < 0.0f || value > 16.0f)
                return outOfRange("send gain must be within 0..16", field + ".gain");
            hold = [send, value] { send->gain = value; };
        }
        else if (value < 0.0f || value > 1.0f)
            return outOfRange("processor parameters are normalised 0..1", field);
    }
    ScheduledChange scheduled{ node, address->param(), value, change.at_sample(), d.changeOrder + 1 };
    // A burst can outrun the audio thread by a block or two; waiting that long here (the control
    // thread, never the audio thread) pushes back on the client instead of losing the change.
    for (int waited = 0; !d.changes.push(scheduled); ++waited)
    {
        if (waited >= fullQueuePatienceMs)
            return CommandError{ ipc::ErrorCode::Busy, "too many parameter changes waiting for the audio thread", field };
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ++d.changeOrder;
    hold();
    return std::nullopt;
}

CommandResult Engine::setAutomation(const ipc::SetAutomation& automation)
{
    auto next = copyGraph(*impl->graph);
    std::unique_ptr<ipc::SetAutomationT> unpacked(automation.UnPack());
    if (auto error = replaceAutomation(*next, *unpacked))
        return error;
    return impl->install(std::move(next));
}

CommandResult Engine::transport(const ipc::TransportCommand& command)
{
    if (command.position() < -1)
        return outOfRange("transport positions are timeline samples >= 0 (or -1)", "position");
    TransportChange change;
    switch (command.action())
    {
        case ipc::TransportAction::Play: change.kind = TransportChange::Kind::Play; break;
        case ipc::TransportAction::Stop: change.kind = TransportChange::Kind::Stop; break;
        case ipc::TransportAction::Locate: change.kind = TransportChange::Kind::Locate; break;
        default: return CommandError{ ipc::ErrorCode::Unsupported, "unknown transport action", "action" };
    }
    change.position = command.position();
    if (!impl->transportChanges.push(change))
        return CommandError{ ipc::ErrorCode::Busy, "too many transport commands waiting", "action" };
    return std::nullopt;
}

CommandResult Engine::setLoop(const ipc::SetLoop& loop)
{
    if (loop.enabled() && (loop.start() < 0 || loop.end() <= loop.start()))
        return outOfRange("a loop needs 0 <= start < end", "end");
    TransportChange change;
    change.kind = TransportChange::Kind::Loop;
    change.loopEnabled = loop.enabled();
    change.loopStart = loop.start();
    change.loopEnd = loop.end();
    if (!impl->transportChanges.push(change))
        return CommandError{ ipc::ErrorCode::Busy, "too many transport commands waiting", "loop" };
    return std::nullopt;
}

std::unique_ptr<ipc::GraphSnapshotT> Engine::graph() const { return copyGraph(*impl->graph); }

InsertProcessor* Engine::findInsert(uint32_t processorId)
{
    auto it = impl->objects.inserts.find(processorId);
    return it != impl->objects.inserts.end() ? it->second->processor.get() : nullptr;
}

void Engine::collectTelemetry(ipc::TelemetryT& out)
{
    auto& d = *impl;
    d.drainRetired();
    out.engine_sample = d.clock.load();
    out.transport = std::make_unique<ipc::TransportState>(d.playing.load(), d.looping.load(), d.position.load());
    out.dsp_load = d.dspLoad.load();
    out.xruns = d.xruns.load();
    out.parameter_changes = d.parameterChanges.load(std::memory_order_acquire);
    out.parameter_digest = d.parameterDigest.load(std::memory_order_relaxed);
    out.meters.clear();
    out.plugins.clear();
    if (!d.latest)
        return;
    for (auto& ch : d.latest->channels)
    {
        const auto m = ch.state->meter.take();
        out.meters.emplace_back(ch.id, m.peakLeft, m.peakRight, m.rmsLeft, m.rmsRight);
        for (auto& insert : ch.inserts)
        {
            auto status = ipc::PluginStatusCode::Ok;
            uint32_t latency = 0;
            if (!insert.instance->processor)
                status = ipc::PluginStatusCode::Failed;
            else
            {
                status = insert.bypass ? ipc::PluginStatusCode::Bypassed
                                       : static_cast<ipc::PluginStatusCode>(insert.instance->processor->status());
                latency = static_cast<uint32_t>(std::max(0, insert.instance->processor->latencySamples()));
            }
            out.plugins.emplace_back(insert.instance->id, status, latency);
        }
    }
}

Engine::ContentStats Engine::contentStats() const
{
    ContentStats stats;
    if (!impl->latest)
        return stats;
    for (auto& ch : impl->latest->channels)
        for (auto& clip : ch.audioClips)
        {
            stats.underruns += clip.stream->underruns();
            stats.readErrors += clip.stream->readErrors();
        }
    for (const auto& [clip, stream] : impl->objects.streams)
        if (stream.stream->readErrors() > 0)
            stats.failing.push_back({ clip, stream.file });
    return stats;
}

void Engine::reportXrun() noexcept { impl->xruns.fetch_add(1, std::memory_order_relaxed); }

void Engine::process(float* const* outputs, int numOutputs, const float* const*, int, int numFrames,
                     const juce::MidiBuffer&) noexcept
{
    impl->process(outputs, numOutputs, numFrames);
}

} // namespace loophole::signal
