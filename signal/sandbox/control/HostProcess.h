// One running loophole-plugin-host, seen from the engine: starts it with a socketpair,
// sends control requests one at a time, and watches for its death on its own thread so the
// audio thread can read "is it alive" from an atomic.
#pragma once

#include "control/ControlChannel.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>

namespace loophole::signal::sandbox {

struct HostLaunch
{
    std::string executable; // empty: hostExecutablePath()
    std::string cacheFile;  // the plugin catalogue cache the host loads plugins from
};

/// $LOOPHOLE_PLUGIN_HOST, else loophole-plugin-host beside this executable, else the build's.
std::string hostExecutablePath();

class HostProcess
{
public:
    static std::shared_ptr<HostProcess> start(const HostLaunch& launch, std::string& error);
    ~HostProcess(); // closes the channel, gives the host a moment to exit, then kills it

    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    /// One request and its reply; serialised, control threads only.
    std::optional<ControlMessage> request(const ControlMessage& message, int timeoutMs, std::string& error);

    /// Audio-thread safe.
    bool exited() const noexcept { return exited_.load(std::memory_order_acquire); }

    /// "killed by SIGKILL", "exited with status 3"; empty while it runs.
    std::string exitReason() const;

    pid_t pid() const noexcept { return pid_; }

    /// SIGKILL, then waits until it is reaped.
    void kill();

    /// Waits until the watcher has reaped the process, at most `timeout`; true when it has.
    bool awaitExit(std::chrono::milliseconds timeout) const;

private:
    HostProcess(pid_t pid, int socket);
    void watch();

    const pid_t pid_;
    int socket_;
    std::mutex requestMutex_;
    bool unanswered_ = false; // guarded by requestMutex_
    mutable std::mutex reasonMutex_;
    std::string reason_;
    std::atomic<bool> exited_ { false };
    std::thread watcher_;
};

} // namespace loophole::signal::sandbox
