// What one loophole-plugin-host process does: answers the engine's control requests
// (load, prepare, state, unload) on its own thread and runs one BlockServer per instance.
// Plugins are made by the same PluginHost the engine uses in-engine, so a sandboxed plugin
// is loaded, guarded and prepared exactly like an in-engine one. Each load gets a fresh
// PluginHost, so it sees the catalogue as the engine's latest scan left it.
#pragma once

#include "control/ControlChannel.h"
#include "exchange/SharedRegion.h"
#include "rt/BlockServer.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

namespace loophole::signal {
class InsertFactory;
class InsertProcessor;
}

namespace loophole::signal::sandbox {

class HostSession
{
public:
    using MakeFactory = std::function<std::unique_ptr<InsertFactory>()>;
    HostSession(MakeFactory makeFactory, int controlSocket)
        : makeFactory_(std::move(makeFactory)), socket_(controlSocket) {}
    ~HostSession();

    /// Serves requests until the engine closes the channel (or dies).
    void run();

    /// Stops and destroys every instance.
    void unloadAll() { instances_.clear(); }

private:
    struct Instance
    {
        std::unique_ptr<InsertFactory> factory;
        SharedRegion region;
        std::unique_ptr<InsertProcessor> insert;
        std::unique_ptr<BlockServer> server; // declared last: stops first
    };

    ControlMessage handle(ControlMessage& request);
    ControlMessage load(ControlMessage& request);
    ControlMessage prepare(ControlMessage& request, Instance& instance);

    MakeFactory makeFactory_;
    int socket_;
    std::map<uint32_t, Instance> instances_;
};

} // namespace loophole::signal::sandbox
