// An insert whose plugin runs in a loophole-plugin-host process. process() forwards the
// block through shared memory and waits for it with a deadline; when the host is late or
// dead the block is silenced (or passed through) and the fault shows in status().
//
// Threads: process/status/latencySamples on the audio thread (real-time safe); everything
// else, including reconnect() after a host restart, on control threads.
#pragma once

#include "control/HostProcess.h"
#include "control/SandboxOptions.h"
#include "exchange/SharedRegion.h"
#include "rt/BlockClient.h"
#include "rt/UnsentParameters.h"

#include "loophole/ipc/graph_generated.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace loophole::signal::sandbox {

class SandboxedInsert final : public InsertProcessor
{
public:
    /// Loads the plugin `description` (with its state) into `host`; nullptr with `error`.
    static std::unique_ptr<SandboxedInsert> create(std::shared_ptr<HostProcess> host, const ipc::Processor& description,
                                                   double sampleRate, int maxBlock, const SandboxOptions& options,
                                                   std::string& error);
    ~SandboxedInsert() override;

    void prepare(double sampleRate, int maxBlockSize) override;
    void process(InsertContext& context) noexcept override;
    int latencySamples() const noexcept override;
    InsertStatus status() const noexcept override;

    int numParameters() const override { return numParameters_; }
    /// The host's current state; the last known one when the host cannot answer.
    std::vector<uint8_t> saveState() override;
    bool restoreState(std::span<const uint8_t> state) override;

    /// Loads the plugin again, with its last known state, into `host` (a restarted one).
    bool reconnect(std::shared_ptr<HostProcess> host, std::string& error);

    /// Opens the plugin's editor in a native window of its host process; returns the window's
    /// X id, or 0 with `error`. Control threads.
    unsigned long openEditor(std::string& error);
    /// False when no editor was open (or the host is gone).
    bool closeEditor();

    /// Asks the host for its state and remembers it, so a crash loses as little as possible.
    void snapshotState();

    const std::shared_ptr<HostProcess>& host() const { return host_; }
    /// Why the plugin failed, in plain words ("plugin host (pid 12) killed by SIGKILL").
    std::string faultReason() const;
    /// Blocks the host did not answer by their deadline, since the start.
    uint64_t missedBlocks() const noexcept { return missedBlocks_.load(std::memory_order_relaxed); }
    /// True once process() learnt from the kernel that the host's block thread died (which may
    /// be before the watcher thread reaps the host); false again after a reconnect.
    bool hostDeathSeen() const noexcept { return hostDied_.load(std::memory_order_relaxed); }
    const ipc::ProcessorT& description() const { return description_; }

private:
    SandboxedInsert(const ipc::Processor& description, const SandboxOptions& options);
    bool load(std::string& error);
    void disconnect();
    void failBlock(InsertContext& context) noexcept;

    const SandboxOptions options_;
    const uint32_t instance_;
    ipc::ProcessorT description_; // state kept apart, in lastState_
    std::shared_ptr<HostProcess> host_; // replaced only while disconnected
    std::shared_ptr<HostProcess> previousHost_; // outlives readers that loaded hostView_ before a swap
    std::atomic<HostProcess*> hostView_ { nullptr }; // what the audio and telemetry threads read
    SharedRegion region_;
    BlockClient client_;
    double sampleRate_ = 48000.0;
    int maxBlock_ = 0;
    int numParameters_ = 0;
    std::atomic<int> loadedLatency_ { 0 };

    mutable std::mutex stateMutex_;
    std::vector<uint8_t> lastState_;

    // Audio thread <-> control: the audio thread uses the host only while `connected_`,
    // and counts itself in `inProcess_` so a reconnect can wait until it has left.
    std::atomic<bool> connected_ { false };
    std::atomic<int> inProcess_ { 0 };
    std::atomic<uint32_t> consecutiveMisses_ { 0 };
    std::atomic<uint64_t> missedBlocks_ { 0 };
    std::atomic<bool> hung_ { false };
    std::atomic<bool> hostDied_ { false }; // the audio thread saw the host's block thread die
    UnsentParameters unsent_; // audio thread only
};

} // namespace loophole::signal::sandbox
