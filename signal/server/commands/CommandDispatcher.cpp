#include "commands/CommandDispatcher.h"

#include "ipc/Frames.h"
#include "loophole/ipc/ProtocolVersion.h"

#include <cmath>
#include <unistd.h>

namespace loophole::signal {

namespace {

CommandResult missing(const char* field)
{
    return CommandError { ipc::ErrorCode::OutOfRange, std::string(field) + " is missing", field };
}

/// Keeps a progress stream to about a hundred events, whatever the job's granularity.
class ProgressThrottle
{
public:
    bool shouldSend(double done)
    {
        if (done < 1.0 && done - lastSent < 0.01)
            return false;
        lastSent = done;
        return true;
    }

private:
    double lastSent = -1.0;
};

} // namespace

CommandDispatcher::CommandDispatcher(ServerParts p) : parts(std::move(p)) {}

CommandDispatcher::~CommandDispatcher()
{
    render.join();
    scan.join();
}

ipc::FrameT CommandDispatcher::welcome(uint64_t replyTo) const
{
    const auto format = parts.devices.current();
    ipc::WelcomeT body;
    body.protocol_major = ipc::kProtocolMajor;
    body.protocol_minor = ipc::kProtocolMinor;
    body.engine = "loophole-signal 0.1.0";
    body.pid = uint32_t(::getpid());
    body.sample_rate = format.sampleRate;
    body.buffer_size = format.bufferSize;
    body.backend = format.backend;
    return makeFrame(std::move(body), replyTo);
}

void CommandDispatcher::reply(Connection& client, uint64_t replyTo, const CommandResult& result)
{
    if (result) {
        client.sendError(replyTo, result->code, result->message, result->field);
        return;
    }
    auto ack = makeFrame(ipc::AckT {}, replyTo);
    client.send(ack);
}

void CommandDispatcher::dispatch(const std::shared_ptr<Connection>& client, const ipc::Frame& frame,
                                 std::shared_ptr<const std::vector<uint8_t>> wire)
{
    const uint64_t seq = frame.seq();
    auto& engine = parts.engine;
    std::unique_lock control(parts.controlLock);

    switch (frame.body_type()) {
    case ipc::Body::Ping: {
        ipc::PongT pong;
        pong.nonce = frame.body_as_Ping()->nonce();
        pong.engine_sample = parts.devices.callback().engineSample();
        auto answer = makeFrame(std::move(pong), seq);
        client->send(answer);
        break;
    }
    case ipc::Body::LoadGraph: {
        const auto* snapshot = frame.body_as_LoadGraph()->snapshot();
        reply(*client, seq, snapshot ? engine.loadGraph(*snapshot) : missing("snapshot"));
        break;
    }
    case ipc::Body::ApplyGraphDiff: {
        const auto* diff = frame.body_as_ApplyGraphDiff()->diff();
        reply(*client, seq, diff ? engine.applyGraphDiff(*diff) : missing("diff"));
        break;
    }
    case ipc::Body::QueryGraph: {
        ipc::GraphStateT state;
        state.snapshot = engine.graph();
        auto answer = makeFrame(std::move(state), seq);
        client->send(answer);
        break;
    }
    case ipc::Body::SetParameter:
        reply(*client, seq, engine.setParameter(*frame.body_as_SetParameter()));
        break;
    case ipc::Body::SetParameters: {
        CommandResult result;
        if (const auto* changes = frame.body_as_SetParameters()->changes())
            for (const auto* change : *changes) {
                auto error = engine.setParameter(*change);
                if (! error)
                    continue;
                // A full queue refuses this change but might take the next: stop, so the
                // engine never applies a later change without an earlier one.
                const bool full = error->code == ipc::ErrorCode::Busy;
                if (! result)
                    result = std::move(error);
                if (full)
                    break;
            }
        reply(*client, seq, result);
        break;
    }
    case ipc::Body::SetAutomation:
        reply(*client, seq, engine.setAutomation(*frame.body_as_SetAutomation()));
        break;
    case ipc::Body::TransportCommand:
        reply(*client, seq, engine.transport(*frame.body_as_TransportCommand()));
        break;
    case ipc::Body::SetLoop:
        reply(*client, seq, engine.setLoop(*frame.body_as_SetLoop()));
        break;
    case ipc::Body::GetPluginState:
    case ipc::Body::SetPluginState:
    case ipc::Body::OpenEditor:
    case ipc::Body::CloseEditor:
    case ipc::Body::ReloadPlugin:
        pluginCommand(*client, frame);
        break;
    case ipc::Body::ScanPlugins:
        control.unlock();
        startScan(client, frame);
        break;
    case ipc::Body::RenderRequest:
        startRender(client, frame, std::move(wire));
        break;
    case ipc::Body::CancelRender:
        render.cancel();
        reply(*client, seq, std::nullopt);
        break;
    case ipc::Body::SetAudioDevice:
        setAudioDevice(*client, frame);
        break;
    case ipc::Body::ListAudioDevices: {
        ipc::AudioDeviceListT list;
        list.devices = parts.devices.list();
        auto answer = makeFrame(std::move(list), seq);
        client->send(answer);
        break;
    }
    case ipc::Body::Subscribe: {
        float hz = frame.body_as_Subscribe()->telemetry_hz();
        if (hz == 0.0f)
            hz = parts.defaultTelemetryHz;
        if (! std::isfinite(hz) || hz < 0.1f || hz > 1000.0f) {
            client->sendError(seq, ipc::ErrorCode::OutOfRange,
                              "telemetry_hz must be between 0.1 and 1000", "telemetry_hz");
            break;
        }
        client->telemetryHz = hz;
        reply(*client, seq, std::nullopt);
        break;
    }
    case ipc::Body::Unsubscribe:
        client->telemetryHz = 0.0f;
        reply(*client, seq, std::nullopt);
        break;
    case ipc::Body::Shutdown:
        reply(*client, seq, std::nullopt);
        parts.requestShutdown();
        break;
    default:
        client->sendError(seq, ipc::ErrorCode::Unsupported,
                          std::string("Signal does not accept ") + ipc::EnumNameBody(frame.body_type())
                              + " from clients",
                          "body");
        break;
    }
    parts.hub.wake();
}

void CommandDispatcher::pluginCommand(Connection& client, const ipc::Frame& frame)
{
    const uint64_t seq = frame.seq();
    uint32_t id = 0;
    switch (frame.body_type()) {
    case ipc::Body::GetPluginState: id = frame.body_as_GetPluginState()->processor(); break;
    case ipc::Body::SetPluginState: id = frame.body_as_SetPluginState()->processor(); break;
    case ipc::Body::OpenEditor: id = frame.body_as_OpenEditor()->processor(); break;
    case ipc::Body::CloseEditor: id = frame.body_as_CloseEditor()->processor(); break;
    case ipc::Body::ReloadPlugin: id = frame.body_as_ReloadPlugin()->processor(); break;
    default: break;
    }

    auto* insert = parts.engine.findInsert(id);
    if (insert == nullptr) {
        client.sendError(seq, ipc::ErrorCode::UnknownNode,
                         "no processor with id " + std::to_string(id), "processor");
        return;
    }

    std::string error;
    switch (frame.body_type()) {
    case ipc::Body::GetPluginState: {
        ipc::PluginStateT state;
        state.processor = id;
        state.state = insert->saveState();
        auto answer = makeFrame(std::move(state), seq);
        client.send(answer);
        return;
    }
    case ipc::Body::SetPluginState: {
        const auto* bytes = frame.body_as_SetPluginState()->state();
        const std::span<const uint8_t> state = bytes ? std::span(bytes->data(), bytes->size())
                                                     : std::span<const uint8_t>();
        if (! insert->restoreState(state))
            error = "processor " + std::to_string(id) + " rejected the state";
        break;
    }
    case ipc::Body::OpenEditor:
    case ipc::Body::CloseEditor:
    case ipc::Body::ReloadPlugin:
        if (parts.plugins == nullptr) {
            client.sendError(seq, ipc::ErrorCode::Unsupported, "this build hosts no plugins", "processor");
            return;
        }
        if (frame.body_type() == ipc::Body::OpenEditor)
            parts.plugins->openEditor(id, *insert, error);
        else if (frame.body_type() == ipc::Body::ReloadPlugin)
            parts.plugins->reload(id, *insert, error);
        else if (! parts.plugins->closeEditor(id, *insert))
            error = "processor " + std::to_string(id) + " has no open editor";
        break;
    default:
        break;
    }
    if (! error.empty())
        client.sendError(seq, ipc::ErrorCode::PluginFailed, error, "processor");
    else
        reply(client, seq, std::nullopt);
}

void CommandDispatcher::setAudioDevice(Connection& client, const ipc::Frame& frame)
{
    const auto* command = frame.body_as_SetAudioDevice();
    DeviceRequest request;
    request.backend = command->backend() ? command->backend()->str() : "";
    request.device = command->device() ? command->device()->str() : "";
    request.sampleRate = command->sample_rate();
    request.bufferSize = int(std::min<uint32_t>(command->buffer_size(), 1u << 20));
    if (request.backend.empty())
        request.backend = parts.devices.current().backend;

    if (const auto error = parts.devices.open(request); ! error.empty()) {
        client.sendError(frame.seq(), ipc::ErrorCode::DeviceUnavailable, error, "backend");
        return;
    }
    reply(client, frame.seq(), std::nullopt);

    const auto format = parts.devices.current();
    parts.hub.broadcast([&](Connection& each) {
        ipc::DeviceChangedT changed;
        changed.backend = format.backend;
        changed.device = format.device;
        changed.sample_rate = format.sampleRate;
        changed.buffer_size = format.bufferSize;
        auto event = makeFrame(std::move(changed));
        each.send(event);
    });
}

void CommandDispatcher::startScan(const std::shared_ptr<Connection>& client, const ipc::Frame& frame)
{
    const uint64_t seq = frame.seq();
    if (parts.plugins == nullptr) {
        client->sendError(seq, ipc::ErrorCode::Unsupported, "this build hosts no plugins", "paths");
        return;
    }
    const auto* command = frame.body_as_ScanPlugins();
    std::vector<std::string> paths;
    if (command->paths())
        for (const auto* path : *command->paths())
            paths.push_back(path->str());
    const bool rescanAll = command->rescan_all();

    auto* plugins = parts.plugins;
    auto& hub = parts.hub;
    const bool started = scan.tryStart([client, seq, paths, rescanAll, plugins, &hub](const std::atomic<bool>&) {
        ProgressThrottle throttle;
        auto catalogue = plugins->scan(paths, rescanAll, [&](double done, const std::string& detail) {
            if (! throttle.shouldSend(done))
                return;
            ipc::ProgressT progress;
            progress.task = "scan";
            progress.done = done;
            progress.detail = detail;
            auto event = makeFrame(std::move(progress));
            client->send(event);
            hub.wake();
        });
        auto answer = makeFrame(std::move(catalogue), seq);
        client->send(answer);
        hub.wake();
    });
    if (! started)
        client->sendError(seq, ipc::ErrorCode::Busy, "a plugin scan is already running");
}

void CommandDispatcher::startRender(const std::shared_ptr<Connection>& client, const ipc::Frame& frame,
                                    std::shared_ptr<const std::vector<uint8_t>> wire)
{
    const uint64_t seq = frame.seq();
    const auto* request = frame.body_as_RenderRequest();
    if (request->output_path() == nullptr || request->output_path()->size() == 0) {
        client->sendError(seq, ipc::ErrorCode::OutOfRange, "output_path is missing", "output_path");
        return;
    }
    if (request->end() <= request->start() || request->start() < 0) {
        client->sendError(seq, ipc::ErrorCode::OutOfRange, "render range must satisfy 0 <= start < end", "end");
        return;
    }

    // The live graph is copied now, so later edits do not reach a render in progress.
    std::shared_ptr<flatbuffers::FlatBufferBuilder> liveGraph;
    if (request->snapshot() == nullptr) {
        liveGraph = std::make_shared<flatbuffers::FlatBufferBuilder>();
        const auto graph = parts.engine.graph();
        liveGraph->Finish(ipc::GraphSnapshot::Pack(*liveGraph, graph.get()));
    }

    RenderOptions options;
    options.outputPath = request->output_path()->str();
    options.start = request->start();
    options.end = request->end();
    options.format = request->format();
    options.dither = request->dither();
    options.sampleRate = parts.devices.current().sampleRate;
    options.blockSize = 512;

    auto& inserts = parts.inserts;
    auto* plugins = parts.plugins;
    auto& hub = parts.hub;
    const bool started = render.tryStart([=, &inserts, &hub](const std::atomic<bool>& cancelled) mutable {
        const auto* snapshot = liveGraph
            ? flatbuffers::GetRoot<ipc::GraphSnapshot>(liveGraph->GetBufferPointer())
            : ipc::GetSizePrefixedFrame(wire->data())->body_as_RenderRequest()->snapshot();
        if (snapshot->sample_rate() > 0)
            options.sampleRate = snapshot->sample_rate();

        // Sandboxed plugins in a render wait for their host; one that hangs or dies stops it.
        const auto renderInserts = plugins != nullptr ? plugins->renderInserts() : nullptr;
        std::string pluginFault;
        ProgressThrottle throttle;
        options.progress = [&](double done) {
            if (renderInserts != nullptr && ! (pluginFault = renderInserts->fault()).empty())
                return false;
            if (throttle.shouldSend(done)) {
                ipc::ProgressT progress;
                progress.task = "render";
                progress.done = done;
                progress.detail = options.outputPath;
                auto event = makeFrame(std::move(progress));
                client->send(event);
                hub.wake();
            }
            return ! cancelled.load();
        };

        const auto result = renderOffline(*snapshot, renderInserts != nullptr ? renderInserts->factory() : inserts,
                                          options);
        if (! pluginFault.empty()) {
            client->sendError(seq, ipc::ErrorCode::PluginFailed, "the render stopped: " + pluginFault, "snapshot");
        } else if (result.error) {
            client->sendError(seq, result.error->code, result.error->message, result.error->field);
        } else {
            ipc::RenderDoneT done;
            done.output_path = options.outputPath;
            done.frames = result.frames;
            done.seconds = result.seconds;
            auto answer = makeFrame(std::move(done), seq);
            client->send(answer);
        }
        hub.wake();
    });
    if (! started)
        client->sendError(seq, ipc::ErrorCode::Busy, "a render is already running");
}

} // namespace loophole::signal
