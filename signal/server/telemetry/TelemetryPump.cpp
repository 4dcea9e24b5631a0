#include "telemetry/TelemetryPump.h"

#include "ipc/Frames.h"
#include "telemetry/TelemetryMerge.h"

#include <algorithm>
#include <iostream>

namespace loophole::signal {

using Clock = std::chrono::steady_clock;

TelemetryPump::TelemetryPump(Engine& e, CallbackTiming& t, std::recursive_mutex& lock, ConnectionHub& h,
                             PluginFaultWatch::Reason reason)
    : engine(e), timing(t), controlLock(lock), hub(h), faultReason(std::move(reason))
{
}

TelemetryPump::~TelemetryPump()
{
    stop();
}

void TelemetryPump::start()
{
    running = true;
    thread = std::thread([this] { run(); });
}

void TelemetryPump::stop()
{
    {
        std::lock_guard lock(mutex);
        if (! running)
            return;
        running = false;
    }
    wakeUp.notify_all();
    if (thread.joinable())
        thread.join();
}

void TelemetryPump::poke()
{
    {
        std::lock_guard lock(mutex);
        poked = true;
    }
    wakeUp.notify_all();
}

void TelemetryPump::collectInto(std::map<uint64_t, Subscriber>& subscribers,
                                const std::vector<std::shared_ptr<Connection>>& clients)
{
    ipc::TelemetryT reading;
    std::vector<ipc::PluginFaultT> faults;
    {
        std::lock_guard control(controlLock);
        engine.collectTelemetry(reading);
        contentFaults.report(engine.contentStats(), std::cerr);
        faults = pluginFaults.update(reading.plugins, faultReason);
    }
    for (auto& fault : faults)
        hub.broadcast([&](Connection& each) {
            auto event = makeFrame(ipc::PluginFaultT(fault));
            each.send(event);
        });
    reading.callback_overruns = timing.overruns();
    reading.callback_peak_load = timing.takePeakLoad();
    for (const auto& client : clients) {
        auto found = subscribers.find(client->id);
        if (found == subscribers.end())
            continue;
        auto& subscriber = found->second;
        if (! subscriber.hasPending)
            subscriber.pending = reading;
        else
            mergeTelemetry(subscriber.pending, reading);
        subscriber.hasPending = true;
    }
}

void TelemetryPump::run()
{
    std::map<uint64_t, Subscriber> subscribers;
    // Even with nobody listening the engine's meters are drained now and then, so a new
    // subscriber's first frame covers recent audio, not everything since the start.
    constexpr auto idlePeriod = std::chrono::milliseconds(100);

    for (;;) {
        const auto now = Clock::now();
        auto clients = hub.connections();
        std::erase_if(clients, [](const auto& c) { return c->isClosed() || c->telemetryHz.load() <= 0.0f; });

        std::erase_if(subscribers, [&](const auto& entry) {
            return std::none_of(clients.begin(), clients.end(),
                                [&](const auto& c) { return c->id == entry.first; });
        });
        for (const auto& client : clients)
            subscribers.try_emplace(client->id, Subscriber { now, {}, false });

        collectInto(subscribers, clients);

        bool sent = false;
        auto nextWake = now + idlePeriod;
        for (const auto& client : clients) {
            auto& subscriber = subscribers[client->id];
            const auto period = std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(1.0 / client->telemetryHz.load()));
            if (subscriber.due <= now) {
                auto frame = makeFrame(ipc::TelemetryT(subscriber.pending));
                client->offerTelemetry(frame);
                subscriber.hasPending = false;
                subscriber.pending = {};
                // Stay on the subscriber's grid; after a long stall, restart from now.
                subscriber.due = std::max(subscriber.due + period, now);
                sent = true;
            }
            nextWake = std::min(nextWake, subscriber.due);
        }
        if (sent)
            hub.wake();

        std::unique_lock lock(mutex);
        wakeUp.wait_until(lock, nextWake, [this] { return ! running || poked; });
        poked = false;
        if (! running)
            return;
    }
}

} // namespace loophole::signal
