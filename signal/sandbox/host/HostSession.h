// What one loophole-plugin-host process does: answers the engine's control requests
// (load, prepare, state, unload, editors) on its own thread and runs one BlockServer per
// instance. Editors open in this process's own native windows, on its message thread.
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

    /// Closes every editor, then stops and destroys every instance. Message thread.
    void unloadAll();

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
    ControlMessage openEditor(uint32_t id, Instance& instance);
    static bool closeEditor(uint32_t id, Instance& instance); // before the insert goes

    MakeFactory makeFactory_;
    int socket_;
    std::map<uint32_t, Instance> instances_;
};

} // namespace loophole::signal::sandbox
