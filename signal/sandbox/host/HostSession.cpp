#include "host/HostSession.h"

#include "PluginHost.h"
#include "hosting/HostedInsert.h" // EditorWindow
#include "hosting/OnMessageThread.h"
#include "rt/graph/InsertProcessor.h"

#include <climits>
#include <unistd.h>
#include <utility>

namespace loophole::signal::sandbox {

namespace {

ControlMessage reply(bool ok, std::string text = {})
{
    ControlMessage message;
    message.op = ControlOp::Reply;
    message.ok = ok;
    message.text = std::move(text);
    return message;
}

/// Maps the region the engine sent and checks it can hold `maxBlock` frames.
SharedRegion regionFor(ControlMessage& request, std::string& error)
{
    if (request.fd < 0)
    {
        error = "no shared region came with the request";
        return {};
    }
    auto region = SharedRegion::adopt(std::exchange(request.fd, -1), error);
    if (region.valid() && (request.maxBlock <= 0 || region.size() < BlockLayout(uint32_t(request.maxBlock)).totalBytes()))
    {
        error = "the shared region is too small for " + std::to_string(request.maxBlock) + " frames";
        return {};
    }
    return region;
}

} // namespace

HostSession::~HostSession() = default;

void HostSession::unloadAll()
{
    for (auto& [id, instance] : instances_)
        closeEditor(id, instance);
    instances_.clear();
}

ControlMessage HostSession::openEditor(uint32_t id, Instance& instance)
{
    auto* plugins = dynamic_cast<PluginHost*>(instance.factory.get());
    if (plugins == nullptr)
        return reply(false, "this plugin host cannot show editors");
    std::string error;
    unsigned long window = 0;
    const bool opened = onMessageThread([&] {
        if (! plugins->openEditor(id, *instance.insert, error))
            return false;
        window = plugins->editor(id) != nullptr ? plugins->editor(id)->nativeWindow() : 0;
        return true;
    });
    if (! opened)
        return reply(false, error.empty() ? "the editor did not open" : error);
    auto answer = reply(true);
    answer.number = static_cast<int32_t>(window); // X window ids fit in 29 bits
    return answer;
}

bool HostSession::closeEditor(uint32_t id, Instance& instance)
{
    auto* plugins = dynamic_cast<PluginHost*>(instance.factory.get());
    return plugins != nullptr && onMessageThread([&] { return plugins->closeEditor(id); });
}

void HostSession::run()
{
    for (;;)
    {
        std::string error;
        auto request = receiveMessage(socket_, INT_MAX, error);
        if (! request)
            return; // the engine is gone or closed the channel: nothing left to serve
        auto answer = handle(*request);
        if (request->fd >= 0)
            ::close(request->fd); // a descriptor the request did not need
        if (! sendMessage(socket_, answer, error))
            return;
    }
}

ControlMessage HostSession::handle(ControlMessage& request)
{
    if (request.op == ControlOp::Load)
        return load(request);

    const auto it = instances_.find(request.instance);
    if (it == instances_.end())
        return reply(false, "no plugin instance " + std::to_string(request.instance) + " in this host");
    auto& instance = it->second;
    switch (request.op)
    {
    case ControlOp::Prepare:
        return prepare(request, instance);
    case ControlOp::SaveState: {
        auto answer = reply(true);
        answer.bytes = instance.insert->saveState();
        return answer;
    }
    case ControlOp::RestoreState:
        return instance.insert->restoreState(request.bytes) ? reply(true) : reply(false, "the plugin rejected the state");
    case ControlOp::Unload:
        closeEditor(it->first, instance); // the window refers to the plugin: it goes first
        instances_.erase(it);
        return reply(true);
    case ControlOp::OpenEditor:
        return openEditor(it->first, instance);
    case ControlOp::CloseEditor:
        return closeEditor(it->first, instance) ? reply(true) : reply(false, "the plugin has no open editor");
    default:
        return reply(false, "unknown control request " + std::to_string(uint32_t(request.op)));
    }
}

ControlMessage HostSession::load(ControlMessage& request)
{
    if (instances_.count(request.instance) != 0)
        return reply(false, "plugin instance " + std::to_string(request.instance) + " is already loaded");

    flatbuffers::Verifier verifier(request.bytes.data(), request.bytes.size());
    if (! verifier.VerifyBuffer<ipc::Processor>(nullptr))
        return reply(false, "the plugin description is not a valid Processor");
    const auto* description = flatbuffers::GetRoot<ipc::Processor>(request.bytes.data());

    std::string error;
    Instance instance;
    instance.region = regionFor(request, error);
    if (! instance.region.valid())
        return reply(false, error);
    instance.factory = makeFactory_();
    instance.insert = instance.factory->create(*description, request.sampleRate, request.maxBlock, error);
    if (instance.insert == nullptr)
        return reply(false, error);

    auto answer = reply(true);
    answer.number = instance.insert->numParameters();
    answer.latency = instance.insert->latencySamples();
    instance.server = std::make_unique<BlockServer>(*instance.insert, instance.region.base(), uint32_t(request.maxBlock));
    instances_.emplace(request.instance, std::move(instance));
    return answer;
}

ControlMessage HostSession::prepare(ControlMessage& request, Instance& instance)
{
    std::string error;
    auto region = regionFor(request, error);
    if (! region.valid())
        return reply(false, error);
    instance.server.reset(); // the plugin is not processing while it is prepared
    instance.insert->prepare(request.sampleRate, request.maxBlock);
    instance.region = std::move(region);
    instance.server = std::make_unique<BlockServer>(*instance.insert, instance.region.base(), uint32_t(request.maxBlock));
    auto answer = reply(true);
    answer.number = instance.insert->numParameters();
    answer.latency = instance.insert->latencySamples();
    return answer;
}

} // namespace loophole::signal::sandbox
