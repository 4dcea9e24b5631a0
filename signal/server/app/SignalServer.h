// The loophole-signal process in one object: the engine's devices, the socket, the
// command dispatcher and the telemetry pump, started and stopped in a safe order.
// Constructed, started and stopped on the JUCE message thread.
#pragma once

#include "app/Options.h"
#include "commands/CommandDispatcher.h"
#include "devices/DeviceHost.h"
#include "ipc/ConnectionHub.h"
#include "telemetry/TelemetryPump.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace loophole::signal {

class SignalServer
{
public:
    SignalServer(Engine& engine, InsertFactory& inserts, PluginServices* plugins, Options options);
    ~SignalServer();

    /// Opens the device and the socket; empty string on success, else why not.
    std::string start();
    void stop();

    /// "loophole-signal: listening on <socket> (<backend>, <rate> Hz, <frames> frames)"
    std::string readyLine() const;

    /// Set by a client's Shutdown; the main loop polls it.
    bool shutdownRequested() const { return shutdown.load(); }

private:
    void onFrame(const std::shared_ptr<Connection>&, const ipc::Frame&,
                 std::shared_ptr<const std::vector<uint8_t>> wire);
    void greet(Connection&, const ipc::Frame&);

    Engine& engine;
    InsertFactory& inserts;
    PluginServices* plugins;
    Options options;
    std::string socketPath;
    bool ownsSocket = false;
    std::recursive_mutex controlLock;
    std::atomic<bool> shutdown { false };

    std::unique_ptr<DeviceHost> devices;
    std::unique_ptr<ConnectionHub> hub;
    std::unique_ptr<CommandDispatcher> dispatcher;
    std::unique_ptr<TelemetryPump> telemetry;
    std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
};

} // namespace loophole::signal
