// TESTS ONLY: a stand-in for the engine library while it does not exist yet, so the
// server's IPC, device and telemetry paths can be exercised end to end. Each channel
// plays a quiet sine while the transport runs, so meters move; validation covers what
// the server tests probe (NaN values, unknown ids, cycles). Never linked into loophole-signal.
#include "app/Composition.h"
#include "control/Engine.h"

#include <array>
#include <atomic>
#include <cmath>
#include <map>
#include <set>

namespace loophole::signal {

namespace {

constexpr size_t kMaxChannels = 256;

class NoInserts final : public InsertFactory
{
public:
    std::unique_ptr<InsertProcessor> create(const ipc::Processor&, double, int, std::string& error) override
    {
        error = "the test double engine makes no processors";
        return nullptr;
    }
};

class DoubleComposition final : public Composition
{
public:
    InsertFactory& inserts() override { return factory; }
    PluginServices* plugins() override { return nullptr; }

private:
    NoInserts factory;
};

bool hasCycle(const ipc::GraphSnapshot& snapshot, std::string& where)
{
    std::map<uint32_t, std::vector<uint32_t>> edges;
    for (const auto* channel : *snapshot.channels()) {
        auto& out = edges[channel->id()];
        if (channel->output() != 0)
            out.push_back(channel->output());
        if (channel->sends())
            for (const auto* send : *channel->sends())
                out.push_back(send->target());
    }
    std::map<uint32_t, int> state; // 1 visiting, 2 done
    std::function<bool(uint32_t)> visit = [&](uint32_t id) {
        if (state[id] == 1) { where = std::to_string(id); return true; }
        if (state[id] == 2) return false;
        state[id] = 1;
        for (auto next : edges[id])
            if (visit(next)) return true;
        state[id] = 2;
        return false;
    };
    for (auto& [id, _] : edges)
        if (visit(id)) return true;
    return false;
}

} // namespace

std::unique_ptr<Composition> makeComposition()
{
    return std::make_unique<DoubleComposition>();
}

struct Engine::Impl
{
    std::unique_ptr<ipc::GraphSnapshotT> graph = std::make_unique<ipc::GraphSnapshotT>();
    std::array<std::atomic<uint32_t>, kMaxChannels> ids {};
    std::array<std::atomic<float>, kMaxChannels> gains {};
    std::array<std::atomic<float>, kMaxChannels> peaks {};
    std::atomic<size_t> channelCount { 0 };
    std::atomic<bool> playing { false };
    std::atomic<int64_t> position { 0 };
    std::atomic<int64_t> clock { 0 };
    std::atomic<uint32_t> xruns { 0 };
    double sampleRate = 48000.0;
    double phase = 0.0;

    int indexOf(uint32_t id) const
    {
        for (size_t i = 0; i < channelCount.load(); ++i)
            if (ids[i].load() == id) return int(i);
        return -1;
    }
};

Engine::Engine(InsertFactory&) : impl(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

void Engine::prepare(double sampleRate, int, int)
{
    impl->sampleRate = sampleRate;
}

CommandResult Engine::loadGraph(const ipc::GraphSnapshot& snapshot)
{
    if (snapshot.channels() == nullptr || snapshot.channels()->size() > kMaxChannels)
        return CommandError { ipc::ErrorCode::InvalidGraph, "between 0 and 256 channels", "channels" };
    std::set<uint32_t> seen;
    for (const auto* channel : *snapshot.channels()) {
        if (! seen.insert(channel->id()).second)
            return CommandError { ipc::ErrorCode::InvalidGraph, "duplicate channel id", std::to_string(channel->id()) };
        if (! std::isfinite(channel->gain()) || channel->gain() < 0)
            return CommandError { ipc::ErrorCode::OutOfRange, "gain must be finite and >= 0", "gain" };
    }
    std::string where;
    if (hasCycle(snapshot, where))
        return CommandError { ipc::ErrorCode::InvalidGraph, "the routing has a cycle", where };

    impl->channelCount = 0;
    size_t i = 0;
    for (const auto* channel : *snapshot.channels()) {
        impl->ids[i] = channel->id();
        impl->gains[i] = channel->gain();
        impl->peaks[i] = 0.0f;
        ++i;
    }
    impl->channelCount = i;
    impl->graph.reset(snapshot.UnPack());
    return std::nullopt;
}

CommandResult Engine::applyGraphDiff(const ipc::GraphDiff&)
{
    return CommandError { ipc::ErrorCode::Unsupported, "the test double does not apply diffs", "diff" };
}

CommandResult Engine::setParameter(const ipc::SetParameter& change)
{
    if (! std::isfinite(change.value()))
        return CommandError { ipc::ErrorCode::OutOfRange, "value must be finite", "value" };
    const int index = change.address() ? impl->indexOf(change.address()->node()) : -1;
    if (index < 0)
        return CommandError { ipc::ErrorCode::UnknownNode, "no such node",
                              std::to_string(change.address() ? change.address()->node() : 0) };
    if (change.address()->param() == uint32_t(ipc::ChannelParam::Gain))
        impl->gains[size_t(index)] = change.value();
    return std::nullopt;
}

CommandResult Engine::setAutomation(const ipc::SetAutomation&) { return std::nullopt; }

CommandResult Engine::transport(const ipc::TransportCommand& command)
{
    if (command.position() >= 0)
        impl->position = command.position();
    if (command.action() == ipc::TransportAction::Play) impl->playing = true;
    if (command.action() == ipc::TransportAction::Stop) impl->playing = false;
    return std::nullopt;
}

CommandResult Engine::setLoop(const ipc::SetLoop& loop)
{
    if (loop.enabled() && loop.end() <= loop.start())
        return CommandError { ipc::ErrorCode::OutOfRange, "loop end must follow its start", "end" };
    return std::nullopt;
}

std::unique_ptr<ipc::GraphSnapshotT> Engine::graph() const
{
    return std::make_unique<ipc::GraphSnapshotT>(*impl->graph);
}

InsertProcessor* Engine::findInsert(uint32_t) { return nullptr; }

void Engine::collectTelemetry(ipc::TelemetryT& out)
{
    out.engine_sample = impl->clock.load();
    out.transport = std::make_unique<ipc::TransportState>(impl->playing.load(), false, impl->position.load());
    out.xruns = impl->xruns.load();
    out.meters.clear();
    for (size_t i = 0; i < impl->channelCount.load(); ++i) {
        const float peak = impl->peaks[i].exchange(0.0f);
        out.meters.emplace_back(impl->ids[i].load(), peak, peak, peak * 0.7071f, peak * 0.7071f);
    }
}

void Engine::reportXrun() noexcept { impl->xruns.fetch_add(1); }

void Engine::process(float* const* outputs, int numOutputs, const float* const*, int, int numFrames,
                     const juce::MidiBuffer&) noexcept
{
    for (int c = 0; c < numOutputs; ++c)
        std::fill(outputs[c], outputs[c] + numFrames, 0.0f);
    impl->clock.fetch_add(numFrames);
    if (! impl->playing.load())
        return;
    impl->position.fetch_add(numFrames);
    const double step = 2.0 * M_PI * 440.0 / impl->sampleRate;
    float blockPeak = 0.0f;
    for (int n = 0; n < numFrames; ++n)
        blockPeak = std::max(blockPeak, std::abs(float(0.25 * std::sin(impl->phase + step * n))));
    impl->phase = std::fmod(impl->phase + step * numFrames, 2.0 * M_PI);
    for (size_t i = 0; i < impl->channelCount.load(); ++i) {
        const float peak = blockPeak * impl->gains[i].load();
        if (peak > impl->peaks[i].load())
            impl->peaks[i] = peak;
    }
}

RenderResult renderOffline(const ipc::GraphSnapshot&, InsertFactory&, const RenderOptions&)
{
    RenderResult result;
    result.error = CommandError { ipc::ErrorCode::Unsupported, "the test double does not render", "" };
    return result;
}

} // namespace loophole::signal
