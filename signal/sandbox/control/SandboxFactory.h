// The engine's insert factory when plugins may run sandboxed: each processor's
// `isolation` (or the global default for `Default`) decides whether the plugin is made
// in-engine by PluginHost or in a plugin host process (shared by all, by vendor, or its
// own), and reload() restarts a crashed or hung host with every affected plugin's last
// known state. A background thread snapshots sandboxed plugins' state once a second, so a
// crash loses at most that much of what changed inside the host (automation, editors).
#pragma once

#include "control/HostProcess.h"
#include "control/SandboxOptions.h"
#include "rt/graph/InsertProcessor.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace loophole::signal {
class PluginHost;
}

namespace loophole::signal::sandbox {

class SandboxedInsert;

class SandboxFactory final : public InsertFactory
{
public:
    SandboxFactory(PluginHost& plugins, HostLaunch launch, SandboxOptions options = {},
                   ipc::IsolationMode defaultMode = ipc::IsolationMode::InEngine);
    ~SandboxFactory() override;

    std::unique_ptr<InsertProcessor> create(const ipc::Processor& description, double sampleRate, int maxBlockSize,
                                            std::string& error) override;

    /// For a sandboxed insert: restarts its host if it crashed or hangs (killing a hung one)
    /// and reloads every plugin that lived in it with its last known state. Returns false
    /// with `error` for an insert that is not sandboxed or when the new host fails.
    bool reload(InsertProcessor& insert, std::string& error);

    /// The mode `Default` stands for.
    void setDefaultMode(ipc::IsolationMode mode);
    ipc::IsolationMode modeFor(const ipc::Processor& description) const;

    /// nullptr when `insert` runs in the engine.
    static SandboxedInsert* sandboxed(InsertProcessor& insert);

    /// Host processes currently running.
    size_t runningHosts() const;

    struct Registry; // the sandboxed inserts alive, shared with them

    /// The factory for one offline render: its sandboxed plugins wait for their host without
    /// the real-time deadline, up to SandboxOptions::offlineBlockTimeoutMs a block. They run in
    /// hosts of their own, never the live graph's: a render's hung host is killed with the
    /// render, and a host started on the render's thread dies with that thread (its parent-death
    /// signal follows the thread). Must not outlive this factory.
    class OfflineRender final : public InsertFactory
    {
    public:
        explicit OfflineRender(SandboxFactory& live);
        std::unique_ptr<InsertProcessor> create(const ipc::Processor& description, double sampleRate,
                                                int maxBlockSize, std::string& error) override;
        /// Why the render can no longer be faithful (a plugin's host hung or died), in plain
        /// words; empty while all is well. Stays set once it was. Control threads only.
        std::string fault();

    private:
        SandboxFactory& live_;
        std::shared_ptr<Registry> registry_;
        std::string fault_;
    };
    std::unique_ptr<OfflineRender> offlineRender() { return std::make_unique<OfflineRender>(*this); }

private:
    std::unique_ptr<InsertProcessor> make(const ipc::Processor& description, double sampleRate, int maxBlockSize,
                                          const SandboxOptions& options, const std::shared_ptr<Registry>& registry,
                                          const std::string& hostGroup, std::string& error);
    std::shared_ptr<HostProcess> hostFor(const std::string& key, std::string& error);
    std::string keyFor(ipc::IsolationMode mode, const ipc::Processor& description);
    void snapshotLoop();

    PluginHost& plugins_;
    const HostLaunch launch_;
    const SandboxOptions options_;
    std::atomic<ipc::IsolationMode> defaultMode_;
    mutable std::mutex hostsMutex_;
    std::map<std::string, std::weak_ptr<HostProcess>> hosts_;
    uint64_t ownHosts_ = 0; // names PerPlugin hosts
    std::shared_ptr<Registry> registry_;

    std::mutex stopMutex_;
    std::condition_variable stopSignal_;
    bool stopping_ = false;
    std::thread snapshots_;
};

} // namespace loophole::signal::sandbox
