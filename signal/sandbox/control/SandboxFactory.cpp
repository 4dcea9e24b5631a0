#include "control/SandboxFactory.h"

#include "control/SandboxedInsert.h"

#include "PluginHost.h"

#include <chrono>

namespace loophole::signal::sandbox {

struct SandboxFactory::Registry
{
    std::mutex mutex; // held while an insert is used from outside its owner (snapshot, reload)
    std::set<SandboxedInsert*> inserts;
};

namespace {

/// A SandboxedInsert that leaves the registry before it is torn down.
class RegisteredInsert final : public InsertProcessor
{
public:
    RegisteredInsert(std::unique_ptr<SandboxedInsert> insert, std::shared_ptr<SandboxFactory::Registry> registry)
        : insert_(std::move(insert)), registry_(std::move(registry))
    {
        std::lock_guard lock(registry_->mutex);
        registry_->inserts.insert(insert_.get());
    }
    ~RegisteredInsert() override
    {
        std::lock_guard lock(registry_->mutex);
        registry_->inserts.erase(insert_.get());
    }

    SandboxedInsert& inner() { return *insert_; }

    void prepare(double sampleRate, int maxBlockSize) override { insert_->prepare(sampleRate, maxBlockSize); }
    void release() override { insert_->release(); }
    void process(InsertContext& context) noexcept override { insert_->process(context); }
    int latencySamples() const noexcept override { return insert_->latencySamples(); }
    InsertStatus status() const noexcept override { return insert_->status(); }
    int numParameters() const override { return insert_->numParameters(); }
    std::vector<uint8_t> saveState() override { return insert_->saveState(); }
    bool restoreState(std::span<const uint8_t> state) override { return insert_->restoreState(state); }

private:
    std::unique_ptr<SandboxedInsert> insert_;
    std::shared_ptr<SandboxFactory::Registry> registry_;
};

} // namespace

SandboxFactory::SandboxFactory(PluginHost& plugins, HostLaunch launch, SandboxOptions options,
                               ipc::IsolationMode defaultMode)
    : plugins_(plugins), launch_(std::move(launch)), options_(options), defaultMode_(defaultMode),
      registry_(std::make_shared<Registry>())
{
    snapshots_ = std::thread([this] { snapshotLoop(); });
}

SandboxFactory::~SandboxFactory()
{
    {
        std::lock_guard lock(stopMutex_);
        stopping_ = true;
    }
    stopSignal_.notify_all();
    snapshots_.join();
}

void SandboxFactory::snapshotLoop()
{
    std::unique_lock stop(stopMutex_);
    while (! stopSignal_.wait_for(stop, std::chrono::seconds(1), [this] { return stopping_; }))
    {
        std::lock_guard lock(registry_->mutex);
        for (auto* insert : registry_->inserts)
            insert->snapshotState();
    }
}

void SandboxFactory::setDefaultMode(ipc::IsolationMode mode)
{
    defaultMode_.store(mode == ipc::IsolationMode::Default ? ipc::IsolationMode::InEngine : mode);
}

ipc::IsolationMode SandboxFactory::modeFor(const ipc::Processor& description) const
{
    if (description.format() == ipc::PluginFormat::BuiltIn)
        return ipc::IsolationMode::InEngine; // the engine's own code has nothing to isolate
    const auto mode = description.isolation();
    return mode == ipc::IsolationMode::Default ? defaultMode_.load() : mode;
}

SandboxedInsert* SandboxFactory::sandboxed(InsertProcessor& insert)
{
    auto* registered = dynamic_cast<RegisteredInsert*>(&insert);
    return registered != nullptr ? &registered->inner() : nullptr;
}

std::string SandboxFactory::keyFor(ipc::IsolationMode mode, const ipc::Processor& description)
{
    if (mode == ipc::IsolationMode::PerVendor)
    {
        const std::string uid = description.plugin_uid() != nullptr ? description.plugin_uid()->str() : "";
        const auto* known = plugins_.find(description.format(), uid);
        return "vendor:" + (known != nullptr ? known->vendor : std::string());
    }
    if (mode == ipc::IsolationMode::PerPlugin)
    {
        std::lock_guard lock(hostsMutex_);
        return "plugin:" + std::to_string(++ownHosts_);
    }
    return "shared";
}

std::shared_ptr<HostProcess> SandboxFactory::hostFor(const std::string& key, std::string& error)
{
    std::lock_guard lock(hostsMutex_);
    if (auto running = hosts_[key].lock(); running != nullptr && ! running->exited())
        return running;
    auto started = HostProcess::start(launch_, error);
    if (started != nullptr)
        hosts_[key] = started;
    return started;
}

std::unique_ptr<InsertProcessor> SandboxFactory::create(const ipc::Processor& description, double sampleRate,
                                                        int maxBlockSize, std::string& error)
{
    return make(description, sampleRate, maxBlockSize, options_, registry_, {}, error);
}

std::unique_ptr<InsertProcessor> SandboxFactory::make(const ipc::Processor& description, double sampleRate,
                                                      int maxBlockSize, const SandboxOptions& options,
                                                      const std::shared_ptr<Registry>& registry,
                                                      const std::string& hostGroup, std::string& error)
{
    const auto mode = modeFor(description);
    if (mode == ipc::IsolationMode::InEngine)
        return plugins_.create(description, sampleRate, maxBlockSize, error);

    // Unknown plugins fail here, with PluginHost's words, before any process starts.
    const std::string uid = description.plugin_uid() != nullptr ? description.plugin_uid()->str() : "";
    if (plugins_.find(description.format(), uid) == nullptr)
        return plugins_.create(description, sampleRate, maxBlockSize, error);

    auto host = hostFor(hostGroup + keyFor(mode, description), error);
    if (host == nullptr)
        return nullptr;
    auto insert = SandboxedInsert::create(std::move(host), description, sampleRate, maxBlockSize, options, error);
    if (insert == nullptr)
        return nullptr;
    return std::make_unique<RegisteredInsert>(std::move(insert), registry);
}

SandboxFactory::OfflineRender::OfflineRender(SandboxFactory& live)
    : live_(live), registry_(std::make_shared<Registry>())
{
}

std::unique_ptr<InsertProcessor> SandboxFactory::OfflineRender::create(const ipc::Processor& description,
                                                                       double sampleRate, int maxBlockSize,
                                                                       std::string& error)
{
    auto options = live_.options_;
    options.offline = true;
    return live_.make(description, sampleRate, maxBlockSize, options, registry_, "render:", error);
}

std::string SandboxFactory::OfflineRender::fault()
{
    if (! fault_.empty())
        return fault_;
    std::lock_guard lock(registry_->mutex);
    for (auto* insert : registry_->inserts)
        if (const auto status = insert->status(); status == InsertStatus::Hung || status == InsertStatus::Crashed)
        {
            fault_ = "the sandboxed plugin " + insert->description().plugin_uid + " (processor "
                   + std::to_string(insert->description().id) + ") failed: " + insert->faultReason();
            break;
        }
    return fault_;
}

bool SandboxFactory::reload(InsertProcessor& insert, std::string& error)
{
    auto* target = sandboxed(insert);
    if (target == nullptr)
    {
        error = "the plugin runs in the engine, so it has no host process to restart";
        return false;
    }
    std::lock_guard registryLock(registry_->mutex);
    const auto old = target->host();
    const auto status = target->status(); // Crashed as soon as the audio thread saw the host die
    const bool healthy = ! old->exited() && status != InsertStatus::Hung && status != InsertStatus::Failed
                      && status != InsertStatus::Crashed;
    if (healthy)
        return true; // nothing to restart; its state is already live

    old->kill(); // a hung host may still be inside the plugin: it cannot be trusted again
    auto fresh = HostProcess::start(launch_, error);
    if (fresh == nullptr)
        return false;
    {
        std::lock_guard lock(hostsMutex_);
        for (auto& [key, host] : hosts_)
            if (host.lock() == old)
                host = fresh;
    }
    bool all = true;
    for (auto* each : registry_->inserts)
        if (each->host() == old)
        {
            std::string failed;
            if (! each->reconnect(fresh, failed))
            {
                all = false;
                if (each == target)
                    error = failed;
            }
        }
    if (! all && error.empty())
        error = "some plugins of the restarted host did not load again";
    return target->status() == InsertStatus::Ok;
}

size_t SandboxFactory::runningHosts() const
{
    std::lock_guard lock(hostsMutex_);
    size_t running = 0;
    for (const auto& [key, host] : hosts_)
        if (auto h = host.lock(); h != nullptr && ! h->exited())
            ++running;
    return running;
}

} // namespace loophole::signal::sandbox
