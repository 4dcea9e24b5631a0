#include "ClapInstance.h"

#include "abi/ext/ThreadCheck.h"

#include <cstring>

namespace loophole::signal::clapformat {

namespace {
thread_local bool onAudioThread = false;

bool onMainThread()
{
    auto* mm = juce::MessageManager::getInstanceWithoutCreating();
    return mm == nullptr || mm->isThisTheMessageThread();
}
} // namespace

void ClapInstance::markAudioThread() noexcept { onAudioThread = true; }

class ClapInstance::PluginTimer final : public juce::Timer
{
public:
    PluginTimer(ClapInstance& owner, clap::Id id) : owner_(owner), id_(id) {}
    void timerCallback() override
    {
        if (owner_.timerExt_ != nullptr)
            owner_.timerExt_->onTimer(owner_.plugin_, id_);
    }

private:
    ClapInstance& owner_;
    clap::Id id_;
};

std::unique_ptr<ClapInstance> ClapInstance::create(std::shared_ptr<ClapModule> module,
                                                   const std::string& pluginId,
                                                   std::string& error)
{
    std::unique_ptr<ClapInstance> self(new ClapInstance());
    self->module_ = std::move(module);
    self->host_ = clap::Host {
        clap::hostVersion, self.get(), "Loophole", "Loophole", "https://loophole.invalid", "0.1.0",
        &ClapInstance::hostExtension,
        [](const clap::Host* h) { of(h).restartRequested_ = true; },
        [](const clap::Host*) {}, // processing never sleeps here, so nothing to wake
        [](const clap::Host* h) { of(h).callbackRequested_ = true; },
    };

    const auto& factory = self->module_->factory();
    self->plugin_ = factory.createPlugin(&factory, &self->host_, pluginId.c_str());
    if (self->plugin_ == nullptr)
    {
        error = "the CLAP factory in " + self->module_->path() + " could not create " + pluginId;
        return nullptr;
    }
    if (! self->plugin_->init(self->plugin_))
    {
        error = pluginId + " failed to initialise";
        self->plugin_->destroy(self->plugin_);
        self->plugin_ = nullptr;
        return nullptr;
    }
    auto ext = [&](const char* id) { return self->plugin_->getExtension(self->plugin_, id); };
    self->params_ = static_cast<const clap::PluginParams*>(ext(clap::paramsExtension));
    self->state_ = static_cast<const clap::PluginState*>(ext(clap::stateExtension));
    self->gui_ = static_cast<const clap::PluginGui*>(ext(clap::guiExtension));
    self->latencyExt_ = static_cast<const clap::PluginLatency*>(ext(clap::latencyExtension));
    self->timerExt_ = static_cast<const clap::PluginTimerSupport*>(ext(clap::timerSupportExtension));
    self->queryPorts();
    self->queryParameters();
    self->startTimer(30);
    return self;
}

ClapInstance::~ClapInstance()
{
    stopTimer();
    timers_.clear();
    if (plugin_ != nullptr)
    {
        deactivate();
        plugin_->destroy(plugin_);
    }
}

void ClapInstance::queryPorts()
{
    auto* ports = static_cast<const clap::PluginAudioPorts*>(plugin_->getExtension(plugin_, clap::audioPortsExtension));
    if (ports != nullptr)
    {
        for (bool input : { true, false })
        {
            const uint32_t count = ports->count(plugin_, input);
            for (uint32_t i = 0; i < count; ++i)
            {
                clap::AudioPortInfo info {};
                if (! ports->get(plugin_, i, input, &info))
                    continue;
                const bool main = (info.flags & clap::audioPortIsMain) != 0 || i == 0;
                ClapPort& port = input ? (main && ! mainInput.present ? mainInput : sidechainInput)
                                       : mainOutput;
                if (port.present)
                    continue; // only the main bus, one sidechain and the main output are used
                port = ClapPort { info.channelCount, true };
            }
        }
    }
    auto* notes = static_cast<const clap::PluginNotePorts*>(plugin_->getExtension(plugin_, clap::notePortsExtension));
    if (notes != nullptr && notes->count(plugin_, true) > 0)
    {
        clap::NotePortInfo info {};
        if (notes->get(plugin_, 0, true, &info))
        {
            acceptsMidi = (info.supportedDialects & (clap::noteDialectMidi | clap::noteDialectClap)) != 0;
            prefersClapNotes = (info.supportedDialects & clap::noteDialectMidi) == 0;
        }
    }
}

void ClapInstance::queryParameters()
{
    parameters_.clear();
    if (params_ == nullptr)
        return;
    const uint32_t count = params_->count(plugin_);
    for (uint32_t i = 0; i < count; ++i)
    {
        clap::ParamInfo info {};
        if (! params_->getInfo(plugin_, i, &info))
            continue;
        info.name[clap::nameSize - 1] = '\0';
        parameters_.push_back({ info.id, info.name, info.minValue, info.maxValue, info.defaultValue,
                                (info.flags & clap::paramIsAutomatable) != 0,
                                (info.flags & clap::paramIsStepped) != 0,
                                (info.flags & clap::paramIsReadonly) != 0 });
    }
}

bool ClapInstance::activate(double sampleRate, uint32_t maxFrames)
{
    deactivate();
    restartRequested_ = false;
    sampleRate_ = sampleRate;
    maxFrames_ = maxFrames;
    active_ = plugin_->activate(plugin_, sampleRate, 1, maxFrames);
    if (active_ && latencyExt_ != nullptr)
        latency_ = static_cast<int>(latencyExt_->get(plugin_));
    return active_;
}

void ClapInstance::deactivate()
{
    if (! active_)
        return;
    plugin_->deactivate(plugin_);
    active_ = false;
}

void ClapInstance::timerCallback()
{
    if (callbackRequested_.exchange(false))
        plugin_->onMainThread(plugin_);
    if (latencyChanged_.exchange(false) && active_ && latencyExt_ != nullptr)
        latency_ = static_cast<int>(latencyExt_->get(plugin_));
    if (paramsChanged_.exchange(false) && ! active_)
        queryParameters();
    // request_restart (deactivate + activate) is not acted on here: only the engine knows
    // when the audio thread is off this plugin; restartPending() tells it, prepare() does it.
}

const void* ClapInstance::hostExtension(const clap::Host*, const char* id)
{
    static const clap::HostParams params {
        [](const clap::Host* h, uint32_t) { of(h).paramsChanged_ = true; },
        [](const clap::Host*, clap::Id, uint32_t) {},
        [](const clap::Host* h) { of(h).callbackRequested_ = true; },
    };
    static const clap::HostLatency latency { [](const clap::Host* h) { of(h).latencyChanged_ = true; } };
    static const clap::HostState state { [](const clap::Host*) {} };
    static const clap::HostThreadCheck threadCheck {
        [](const clap::Host*) { return onMainThread(); },
        [](const clap::Host*) { return onAudioThread; },
    };
    static const clap::HostAudioPorts audioPorts {
        [](const clap::Host*, uint32_t) { return false; },
        [](const clap::Host* h, uint32_t) { of(h).restartRequested_ = true; },
    };
    static const clap::HostNotePorts notePorts {
        [](const clap::Host*) -> uint32_t { return clap::noteDialectClap | clap::noteDialectMidi; },
        [](const clap::Host*, uint32_t) {},
    };
    static const clap::HostTimerSupport timers {
        [](const clap::Host* h, uint32_t periodMs, clap::Id* timerId) {
            auto& self = of(h);
            if (! onMainThread() || timerId == nullptr)
                return false;
            const clap::Id id = self.nextTimerId_++;
            auto timer = std::make_unique<PluginTimer>(self, id);
            timer->startTimer(static_cast<int>(std::max<uint32_t>(periodMs, 10)));
            self.timers_[id] = std::move(timer);
            *timerId = id;
            return true;
        },
        [](const clap::Host* h, clap::Id id) { return onMainThread() && of(h).timers_.erase(id) > 0; },
    };
    static const clap::HostGui gui {
        [](const clap::Host*) {},
        [](const clap::Host* h, uint32_t w, uint32_t hgt) {
            auto& self = of(h);
            return onMainThread() && self.onResizeRequest && self.onResizeRequest(w, hgt);
        },
        [](const clap::Host*) { return false; },
        [](const clap::Host*) { return false; },
        [](const clap::Host*, bool) {},
    };

    if (id == nullptr)
        return nullptr;
    const std::string_view name(id);
    if (name == clap::paramsExtension) return &params;
    if (name == clap::latencyExtension) return &latency;
    if (name == clap::stateExtension) return &state;
    if (name == clap::threadCheckExtension) return &threadCheck;
    if (name == clap::audioPortsExtension) return &audioPorts;
    if (name == clap::notePortsExtension) return &notePorts;
    if (name == clap::timerSupportExtension) return &timers;
    if (name == clap::guiExtension) return &gui;
    return nullptr;
}

} // namespace loophole::signal::clapformat
