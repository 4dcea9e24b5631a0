// Pushes Telemetry frames to subscribers, each at its own rate, and a PluginFault event to
// every client when a plugin crashes or hangs. Its thread reads the
// engine's meters through the control lock (never touching the audio thread) and offers
// frames to connections, which drop them when their client falls behind.
#pragma once

#include "control/Engine.h"
#include "rt/CallbackTiming.h"
#include "telemetry/ContentFaults.h"
#include "telemetry/PluginFaultWatch.h"
#include "ipc/ConnectionHub.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace loophole::signal {

class TelemetryPump
{
public:
    /// `faultReason` (called under the control lock) words a plugin's crash or hang for the
    /// PluginFault event every greeted client receives once per fault.
    TelemetryPump(Engine& engine, CallbackTiming& timing, std::recursive_mutex& controlLock, ConnectionHub& hub,
                  PluginFaultWatch::Reason faultReason = {});
    ~TelemetryPump();

    void start();
    void stop();

    /// Wakes the pump after a Subscribe, so the first frame does not wait for the old schedule.
    void poke();

private:
    struct Subscriber
    {
        std::chrono::steady_clock::time_point due;
        ipc::TelemetryT pending;   // meters merged since this subscriber's last frame
        bool hasPending = false;
    };

    void run();
    void collectInto(std::map<uint64_t, Subscriber>& subscribers,
                     const std::vector<std::shared_ptr<Connection>>& clients);

    Engine& engine;
    CallbackTiming& timing;
    std::recursive_mutex& controlLock;
    ConnectionHub& hub;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wakeUp;
    bool running = false;
    bool poked = false;
    ContentFaults contentFaults; // pump thread only
    PluginFaultWatch pluginFaults; // pump thread only
    const PluginFaultWatch::Reason faultReason;
};

} // namespace loophole::signal
