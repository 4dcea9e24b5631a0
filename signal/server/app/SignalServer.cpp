#include "app/SignalServer.h"

#include "ipc/SocketPath.h"
#include "loophole/contract/Handshake.h"

#include <juce_events/juce_events.h>

#include <chrono>
#include <thread>
#include <unistd.h>

namespace loophole::signal {

SignalServer::SignalServer(Engine& e, InsertFactory& factory, PluginServices* pluginServices, Options o)
    : engine(e), inserts(factory), plugins(pluginServices), options(std::move(o))
{
    socketPath = options.socketPath.empty() ? defaultSocketPath() : options.socketPath;
}

SignalServer::~SignalServer()
{
    stop();
}

std::string SignalServer::start()
{
    devices = std::make_unique<DeviceHost>(engine, controlLock);
    DeviceRequest request { options.backend, options.device, options.sampleRate, options.bufferSize };
    {
        std::lock_guard control(controlLock);
        if (auto error = devices->open(request); ! error.empty())
            return error;
    }
    devices->openAllMidiInputs();

    std::string error;
    const int fd = listenOnUnixSocket(socketPath, error);
    if (fd < 0)
        return error;
    ownsSocket = true;

    hub = std::make_unique<ConnectionHub>(fd, [this](const auto& client, const ipc::Frame& frame, auto wire) {
        onFrame(client, frame, std::move(wire));
    });
    dispatcher = std::make_unique<CommandDispatcher>(ServerParts {
        engine, controlLock, *devices, inserts, plugins, *hub,
        [this] { shutdown = true; }, options.telemetryHz });
    telemetry = std::make_unique<TelemetryPump>(engine, devices->callback().timing(), controlLock, *hub,
                                                [this](uint32_t id) {
                                                    auto* insert = engine.findInsert(id);
                                                    return insert != nullptr && plugins != nullptr
                                                             ? plugins->faultReason(*insert)
                                                             : std::string();
                                                });
    hub->start();
    telemetry->start();
    return {};
}

void SignalServer::stop()
{
    alive->store(false);
    if (hub != nullptr) {
        // Let the last replies (the Ack of Shutdown among them) reach their clients.
        for (int i = 0; i < 50; ++i) {
            const auto clients = hub->connections();
            if (std::none_of(clients.begin(), clients.end(), [](const auto& c) { return c->hasOutput(); }))
                break;
            hub->wake();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    if (telemetry) telemetry->stop();
    if (hub) hub->stop();
    dispatcher.reset();
    telemetry.reset();
    hub.reset();
    if (devices) {
        std::lock_guard control(controlLock);
        devices.reset();
    }
    if (std::exchange(ownsSocket, false))
        ::unlink(socketPath.c_str()); // never another server's socket
}

std::string SignalServer::readyLine() const
{
    const auto format = devices->current();
    return "loophole-signal: listening on " + socketPath + " (" + format.backend + ", "
         + std::to_string(format.sampleRate) + " Hz, " + std::to_string(format.bufferSize) + " frames)";
}

void SignalServer::greet(Connection& client, const ipc::Frame& frame)
{
    const auto* hello = frame.body_as_Hello();
    const auto check = contract::checkPeerVersion(hello->protocol_major(), hello->protocol_minor());
    if (! check.compatible) {
        client.sendError(frame.seq(), ipc::ErrorCode::IncompatibleVersion, check.message, "protocol_major");
        client.closeAfterFlush();
        return;
    }
    client.greeted = true;
    auto welcome = dispatcher->welcome(frame.seq());
    client.send(welcome);
}

void SignalServer::onFrame(const std::shared_ptr<Connection>& client, const ipc::Frame& frame,
                           std::shared_ptr<const std::vector<uint8_t>> wire)
{
    if (frame.body_type() == ipc::Body::Hello) {
        greet(*client, frame);
        return;
    }
    if (! client->greeted) {
        client->sendError(frame.seq(), ipc::ErrorCode::HandshakeRequired,
                          "the first frame on a connection must be Hello", "body");
        return;
    }
    // Commands run on the message thread, in arrival order, where plugins and editors live.
    const bool subscribing = frame.body_type() == ipc::Body::Subscribe;
    juce::MessageManager::callAsync([this, alive = alive, client, subscribing, wire = std::move(wire)] {
        if (! alive->load() || client->isClosed())
            return;
        dispatcher->dispatch(client, *ipc::GetSizePrefixedFrame(wire->data()), wire);
        if (subscribing)
            telemetry->poke(); // the first frame should not wait for the old schedule
    });
}

} // namespace loophole::signal
