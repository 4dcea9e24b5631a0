// Loading a graph of streamed tracks, playing it, and watching telemetry.
#pragma once

#include "Graphs.h"
#include "SignalClient.h"

#include <filesystem>
#include <map>

namespace loophole::signal::testing {

/// Writes `count` short sine WAVs (different pitches) into `dir`.
inline std::vector<std::string> makeTrackFiles(const std::filesystem::path& dir, int count, uint32_t rate,
                                               double seconds = 1.0)
{
    std::filesystem::create_directories(dir);
    std::vector<std::string> files;
    for (int i = 0; i < count; ++i) {
        const auto path = (dir / ("track" + std::to_string(i) + ".wav")).string();
        if (! std::filesystem::exists(path) && ! writeSineWav(path, 110.0 + 10.0 * i, seconds, rate))
            return {};
        files.push_back(path);
    }
    return files;
}

/// The graph of `files` as looping clips covering `seconds` of timeline.
inline ipc::FrameT loadTracks(const std::vector<std::string>& files, uint32_t rate, double seconds,
                              double fileSeconds = 1.0)
{
    auto graph = tracksGraph(int(files.size()), files, int64_t(seconds * rate), rate);
    for (auto& channel : graph.channels)
        for (auto& clip : channel->audio_clips)
            clip->loop_length = int64_t(fileSeconds * rate);
    ipc::LoadGraphT load;
    load.snapshot = std::make_unique<ipc::GraphSnapshotT>(std::move(graph));
    return SignalClient::frameOf(std::move(load));
}

inline ipc::FrameT transport(ipc::TransportAction action, int64_t position = -1)
{
    ipc::TransportCommandT command;
    command.action = action;
    command.position = position;
    return SignalClient::frameOf(std::move(command));
}

/// Render frames [0, end) of the live graph (no snapshot) to `path`, 24-bit.
inline ipc::FrameT renderRequest(const std::string& path, int64_t end)
{
    ipc::RenderRequestT body;
    body.output_path = path;
    body.start = 0;
    body.end = end;
    body.format = ipc::SampleFormat::Int24;
    return SignalClient::frameOf(std::move(body));
}

inline ipc::FrameT subscribe(float hz)
{
    ipc::SubscribeT body;
    body.telemetry_hz = hz;
    return SignalClient::frameOf(std::move(body));
}

/// What a stretch of telemetry showed.
struct TelemetryWatch
{
    int frames = 0;
    double seconds = 0;
    uint32_t firstXruns = 0;
    uint32_t lastXruns = 0;
    float maxDspLoad = 0;
    uint32_t firstOverruns = 0; // the engine's own late callbacks (Telemetry.callback_overruns)
    uint32_t lastOverruns = 0;
    float maxCallbackLoad = 0;  // the longest callback, as a share of its block
    int64_t firstSample = -1;
    int64_t lastSample = -1;
    bool sawPlaying = false;
    std::map<uint32_t, float> loudest; // node -> max peak seen

    double rate() const { return seconds > 0 ? frames / seconds : 0; }
    int nodesWithSignal() const
    {
        int n = 0;
        for (auto& [node, peak] : loudest)
            n += peak > 0.001f ? 1 : 0;
        return n;
    }
};

inline TelemetryWatch watchTelemetry(SignalClient& client, std::chrono::milliseconds duration)
{
    TelemetryWatch watch;
    const auto start = std::chrono::steady_clock::now();
    const auto until = start + duration;
    while (std::chrono::steady_clock::now() < until) {
        auto frame = client.receive(100ms);
        if (! frame || frame->body.type != ipc::Body::Telemetry)
            continue;
        const auto* t = frame->body.AsTelemetry();
        if (watch.frames == 0)
            watch.firstXruns = t->xruns, watch.firstSample = t->engine_sample, watch.firstOverruns = t->callback_overruns;
        ++watch.frames;
        watch.lastXruns = t->xruns;
        watch.lastOverruns = t->callback_overruns;
        watch.maxCallbackLoad = std::max(watch.maxCallbackLoad, t->callback_peak_load);
        watch.lastSample = t->engine_sample;
        watch.maxDspLoad = std::max(watch.maxDspLoad, t->dsp_load);
        watch.sawPlaying |= t->transport && t->transport->playing();
        for (const auto& meter : t->meters) {
            auto& loudest = watch.loudest[meter.node()];
            loudest = std::max({ loudest, meter.peak_left(), meter.peak_right() });
        }
    }
    watch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return watch;
}

} // namespace loophole::signal::testing
