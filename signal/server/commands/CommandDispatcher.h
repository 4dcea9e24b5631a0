// Turns each client command into engine, device or plugin calls and answers it. Runs on
// the message thread, one command at a time; long jobs (render, scan) move to worker
// threads and report back through Progress events and their final reply.
#pragma once

#include "commands/PluginServices.h"
#include "control/Engine.h"
#include "devices/DeviceHost.h"
#include "ipc/ConnectionHub.h"
#include "work/BackgroundTask.h"

#include <functional>
#include <memory>
#include <mutex>

namespace loophole::signal {

struct ServerParts
{
    Engine& engine;
    std::recursive_mutex& controlLock; // serialises the engine's control methods
    DeviceHost& devices;
    InsertFactory& inserts;
    PluginServices* plugins;           // nullptr in builds without plugin hosting
    ConnectionHub& hub;
    std::function<void()> requestShutdown;
    float defaultTelemetryHz = 60.0f;
};

class CommandDispatcher
{
public:
    explicit CommandDispatcher(ServerParts parts);
    ~CommandDispatcher();

    void dispatch(const std::shared_ptr<Connection>& client, const ipc::Frame& frame,
                  std::shared_ptr<const std::vector<uint8_t>> wire);

    /// The frame that answers Hello on this server.
    ipc::FrameT welcome(uint64_t replyTo) const;

private:
    void reply(Connection&, uint64_t replyTo, const CommandResult& result);
    void startRender(const std::shared_ptr<Connection>&, const ipc::Frame&,
                     std::shared_ptr<const std::vector<uint8_t>> wire);
    void startScan(const std::shared_ptr<Connection>&, const ipc::Frame&);
    void setAudioDevice(Connection&, const ipc::Frame&);
    void pluginCommand(Connection&, const ipc::Frame&);

    ServerParts parts;
    BackgroundTask render;
    BackgroundTask scan;
};

} // namespace loophole::signal
