#include "control/SandboxedInsert.h"

#include "rt/Futex.h"

#include <algorithm>
#include <chrono>
#include <new>
#include <utility>
#include <thread>

namespace loophole::signal::sandbox {

namespace {

std::atomic<uint32_t> nextInstance { 1 };

std::vector<uint8_t> packed(const ipc::ProcessorT& description, const std::vector<uint8_t>& state)
{
    ipc::ProcessorT withState = description;
    withState.state = state;
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::Processor::Pack(fbb, &withState));
    return { fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize() };
}

} // namespace

SandboxedInsert::SandboxedInsert(const ipc::Processor& description, const SandboxOptions& options)
    : options_(options), instance_(nextInstance.fetch_add(1))
{
    description.UnPackTo(&description_);
    lastState_ = std::move(description_.state);
    description_.state.clear();
}

std::unique_ptr<SandboxedInsert> SandboxedInsert::create(std::shared_ptr<HostProcess> host,
                                                         const ipc::Processor& description, double sampleRate,
                                                         int maxBlock, const SandboxOptions& options,
                                                         std::string& error)
{
    std::unique_ptr<SandboxedInsert> insert(new SandboxedInsert(description, options));
    insert->host_ = std::move(host);
    insert->hostView_.store(insert->host_.get());
    insert->sampleRate_ = sampleRate;
    insert->maxBlock_ = std::max(1, maxBlock);
    if (! insert->load(error))
        return nullptr;
    return insert;
}

SandboxedInsert::~SandboxedInsert()
{
    disconnect();
    if (host_ != nullptr && hung_.load())
    {
        // A thread stuck inside the plugin cannot be stopped or unloaded: only ending the
        // process frees it (other plugins in that host then report Crashed until reloaded).
        host_->kill();
        return;
    }
    if (host_ != nullptr && ! host_->exited())
    {
        ControlMessage unload;
        unload.op = ControlOp::Unload;
        unload.instance = instance_;
        std::string ignored;
        host_->request(unload, options_.stateTimeoutMs, ignored);
    }
}

bool SandboxedInsert::load(std::string& error)
{
    std::string regionError;
    region_ = SharedRegion::create(BlockLayout(uint32_t(maxBlock_)).totalBytes(), regionError);
    if (! region_.valid())
    {
        error = regionError;
        return false;
    }
    new (region_.base()) BlockHeader; // the atomics' lifetime starts here; the host only maps it
    headerOf(region_.base()).maxBlock = uint32_t(maxBlock_);

    ControlMessage message;
    message.op = ControlOp::Load;
    message.instance = instance_;
    message.sampleRate = sampleRate_;
    message.maxBlock = maxBlock_;
    {
        std::lock_guard lock(stateMutex_);
        message.bytes = packed(description_, lastState_);
    }
    message.fd = region_.fd();
    auto answer = host_->request(message, options_.loadTimeoutMs, error);
    if (! answer)
        return false;
    if (! answer->ok)
    {
        error = answer->text;
        return false;
    }
    numParameters_ = answer->number;
    loadedLatency_.store(answer->latency);
    client_.attach(region_.base(), uint32_t(maxBlock_));
    consecutiveMisses_.store(0);
    hung_.store(false);
    hostDied_.store(false);
    connected_.store(true);
    return true;
}

void SandboxedInsert::disconnect()
{
    connected_.store(false);
    while (inProcess_.load() != 0) // at most one block: the audio thread never waits longer
        std::this_thread::sleep_for(std::chrono::microseconds(200));
}

void SandboxedInsert::prepare(double sampleRate, int maxBlockSize)
{
    // Forwarded every time, so the plugin is prepared exactly as often as it would be in
    // the engine (a prepare may reset it); the new region fits the new largest block.
    disconnect();
    sampleRate_ = sampleRate;
    maxBlock_ = std::max(maxBlock_, maxBlockSize);
    std::string error;
    auto region = SharedRegion::create(BlockLayout(uint32_t(maxBlock_)).totalBytes(), error);
    if (! region.valid() || host_->exited())
        return; // stays disconnected: status() reports it, a reload retries
    new (region.base()) BlockHeader;
    headerOf(region.base()).maxBlock = uint32_t(maxBlock_);
    ControlMessage message;
    message.op = ControlOp::Prepare;
    message.instance = instance_;
    message.sampleRate = sampleRate_;
    message.maxBlock = maxBlock_;
    message.fd = region.fd();
    auto answer = host_->request(message, options_.loadTimeoutMs, error);
    if (! answer || ! answer->ok)
        return;
    loadedLatency_.store(answer->latency);
    region_ = std::move(region);
    client_.attach(region_.base(), uint32_t(maxBlock_));
    connected_.store(true);
}

void SandboxedInsert::failBlock(InsertContext& context) noexcept
{
    if (options_.faultOutput == FaultOutput::PassThrough)
        return;
    context.audio.clear();
    context.midi.clear();
}

void SandboxedInsert::process(InsertContext& context) noexcept
{
    inProcess_.fetch_add(1);
    // A host seen dead is never waited for again, even before its watcher thread reaps it.
    if (! connected_.load() || hostDied_.load(std::memory_order_relaxed) || hostView_.load()->exited())
    {
        unsent_.keep(context.parameters); // for the reloaded plugin
        failBlock(context);
        inProcess_.fetch_sub(1);
        return;
    }
    const double blockNs = 1e9 * context.audio.getNumSamples() / sampleRate_;
    const int64_t waitNs = options_.offline ? int64_t(options_.offlineBlockTimeoutMs) * 1'000'000
                                            : std::max(options_.minimumDeadlineNs, int64_t(blockNs * options_.deadlineShare));
    InsertContext toSend { context.audio, context.sidechain, context.midi, unsent_.withKept(context.parameters),
                           context.transport };
    const auto outcome = client_.run(toSend, monotonicAfter(waitNs), options_.offline ? 0 : options_.spinBeforeWaitNs);
    // Processed or missed, the block is in the host's hands, its parameter changes with it.
    if (outcome == BlockOutcome::Processed || outcome == BlockOutcome::Missed)
        unsent_.sent();
    else
        unsent_.keep(context.parameters);
    if (outcome == BlockOutcome::HostDied)
    {
        hostDied_.store(true, std::memory_order_relaxed);
        failBlock(context);
    }
    else if (outcome == BlockOutcome::Processed)
    {
        consecutiveMisses_.store(0, std::memory_order_relaxed);
        hung_.store(false, std::memory_order_relaxed);
    }
    else
    {
        missedBlocks_.fetch_add(1, std::memory_order_relaxed);
        // Offline, one block past the generous timeout is already a hang.
        if (consecutiveMisses_.fetch_add(1, std::memory_order_relaxed) + 1 >= options_.hungAfterMisses || options_.offline)
            hung_.store(true, std::memory_order_relaxed);
        failBlock(context);
    }
    inProcess_.fetch_sub(1);
}

int SandboxedInsert::latencySamples() const noexcept
{
    return connected_.load(std::memory_order_relaxed) && client_.hostedStatus() == InsertStatus::Ok
             ? std::max(loadedLatency_.load(std::memory_order_relaxed), client_.hostedLatency())
             : loadedLatency_.load(std::memory_order_relaxed);
}

InsertStatus SandboxedInsert::status() const noexcept
{
    if (const auto* host = hostView_.load(); host == nullptr || host->exited() || hostDied_.load(std::memory_order_relaxed))
        return InsertStatus::Crashed;
    if (hung_.load(std::memory_order_relaxed))
        return InsertStatus::Hung;
    if (! connected_.load(std::memory_order_relaxed))
        return InsertStatus::Failed;
    return client_.hostedStatus();
}

std::string SandboxedInsert::faultReason() const
{
    if (host_ == nullptr)
        return "no plugin host";
    if (host_->exited())
        return host_->exitReason();
    if (hostDied_.load())
    {
        // The audio thread saw the death first; the watcher reaps the process a moment later
        // and knows the signal, which is what the user wants to read.
        if (host_->awaitExit(std::chrono::milliseconds(500)))
            return host_->exitReason();
        return "plugin host (pid " + std::to_string(host_->pid()) + ") stopped: its block thread died";
    }
    if (hung_.load() && options_.offline)
        return "did not finish a block within " + std::to_string(options_.offlineBlockTimeoutMs) + " ms";
    if (hung_.load())
        return "missed " + std::to_string(consecutiveMisses_.load()) + " block deadlines in a row";
    if (! connected_.load())
        return "not loaded in its plugin host";
    return {};
}

std::vector<uint8_t> SandboxedInsert::saveState()
{
    snapshotState();
    std::lock_guard lock(stateMutex_);
    return lastState_;
}

void SandboxedInsert::snapshotState()
{
    if (! connected_.load() || host_->exited())
        return;
    ControlMessage message;
    message.op = ControlOp::SaveState;
    message.instance = instance_;
    std::string error;
    auto answer = host_->request(message, options_.stateTimeoutMs, error);
    if (answer && answer->ok)
    {
        std::lock_guard lock(stateMutex_);
        lastState_ = std::move(answer->bytes);
    }
}

unsigned long SandboxedInsert::openEditor(std::string& error)
{
    if (! connected_.load() || host_->exited())
    {
        error = "the plugin's host is not running: " + faultReason();
        return 0;
    }
    ControlMessage message;
    message.op = ControlOp::OpenEditor;
    message.instance = instance_;
    auto answer = host_->request(message, options_.loadTimeoutMs, error);
    if (! answer)
        return 0;
    if (! answer->ok || answer->number == 0)
    {
        error = answer->text.empty() ? "the plugin's editor did not open" : answer->text;
        return 0;
    }
    return static_cast<unsigned long>(static_cast<uint32_t>(answer->number));
}

bool SandboxedInsert::closeEditor()
{
    if (! connected_.load() || host_->exited())
        return false;
    ControlMessage message;
    message.op = ControlOp::CloseEditor;
    message.instance = instance_;
    std::string error;
    auto answer = host_->request(message, options_.stateTimeoutMs, error);
    return answer && answer->ok;
}

bool SandboxedInsert::restoreState(std::span<const uint8_t> state)
{
    const std::vector<uint8_t> bytes(state.begin(), state.end());
    if (connected_.load() && ! host_->exited())
    {
        ControlMessage message;
        message.op = ControlOp::RestoreState;
        message.instance = instance_;
        message.bytes = bytes;
        std::string error;
        auto answer = host_->request(message, options_.stateTimeoutMs, error);
        if (! answer || ! answer->ok)
            return false;
    }
    // A host that is down gets this state when it is reloaded.
    std::lock_guard lock(stateMutex_);
    lastState_ = bytes;
    return true;
}

bool SandboxedInsert::reconnect(std::shared_ptr<HostProcess> host, std::string& error)
{
    disconnect();
    // The region is shared with the old host no more: a fresh one, so nothing it left
    // half-written (or still writes, if it hangs) can reach the engine.
    previousHost_ = std::exchange(host_, std::move(host));
    hostView_.store(host_.get());
    return load(error);
}

} // namespace loophole::signal::sandbox
