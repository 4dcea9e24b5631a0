// One CLAP plugin instance and the host side it talks to: the clap_host vtable, the host
// extensions (params, latency, state, gui, timers, thread-check, audio/note ports) and the
// main-thread work those callbacks ask for. Processing lives in ClapInsert.
//
// Threads: everything here is main-thread (JUCE message thread) unless marked otherwise.
// Host callbacks may arrive from any thread; the ones that need the main thread only set
// atomic flags that a main-thread timer services.
#pragma once

#include "ClapModule.h"
#include "abi/Host.h"
#include "abi/ext/AudioPorts.h"
#include "abi/ext/Gui.h"
#include "abi/ext/Latency.h"
#include "abi/ext/NotePorts.h"
#include "abi/ext/Params.h"
#include "abi/ext/State.h"
#include "abi/ext/TimerSupport.h"

#include <juce_events/juce_events.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace loophole::signal::clapformat {

struct ClapParameter
{
    clap::Id id;
    std::string name;
    double minValue, maxValue, defaultValue;
    bool automatable, stepped, readonly;
};

struct ClapPort
{
    uint32_t channels = 0;
    bool present = false;
};

class ClapInstance : private juce::Timer
{
public:
    /// nullptr with `error` set when the plugin cannot be created and initialised.
    static std::unique_ptr<ClapInstance> create(std::shared_ptr<ClapModule> module,
                                                const std::string& pluginId,
                                                std::string& error);
    ~ClapInstance() override;

    const clap::Plugin& plugin() const noexcept { return *plugin_; }
    const clap::PluginDescriptor& descriptor() const noexcept { return *plugin_->desc; }

    const std::vector<ClapParameter>& parameters() const noexcept { return parameters_; }
    ClapPort mainInput, mainOutput, sidechainInput;
    bool acceptsMidi = false, prefersClapNotes = false;

    bool activate(double sampleRate, uint32_t maxFrames);
    void deactivate();
    bool isActive() const noexcept { return active_; }
    /// Any thread: the plugin asked to be deactivated and activated again (re-prepare it).
    bool restartPending() const noexcept { return restartRequested_.load(std::memory_order_relaxed); }
    /// Any thread; the last latency the plugin reported while active.
    int latency() const noexcept { return latency_.load(std::memory_order_relaxed); }

    /// The host vtable this plugin calls (tests use it to act as the plugin would).
    const clap::Host& host() const noexcept { return host_; }
    /// The host-side extension a plugin would get for `id`, or nullptr.
    const void* hostExtensionFor(const char* id) const { return hostExtension(&host_, id); }

    const clap::PluginParams* params() const noexcept { return params_; }
    const clap::PluginState* state() const noexcept { return state_; }
    const clap::PluginGui* gui() const noexcept { return gui_; }

    /// The editor's wish to be resized (from clap.gui's request_resize); main thread.
    std::function<bool(uint32_t width, uint32_t height)> onResizeRequest;

    /// Marks the calling thread as this process's audio thread (for thread-check).
    static void markAudioThread() noexcept;

private:
    ClapInstance() = default;
    void queryPorts();
    void queryParameters();
    void timerCallback() override;

    static const void* hostExtension(const clap::Host* host, const char* id);
    static ClapInstance& of(const clap::Host* host) { return *static_cast<ClapInstance*>(host->hostData); }

    class PluginTimer;

    std::shared_ptr<ClapModule> module_;
    clap::Host host_ {};
    const clap::Plugin* plugin_ = nullptr;
    const clap::PluginParams* params_ = nullptr;
    const clap::PluginState* state_ = nullptr;
    const clap::PluginGui* gui_ = nullptr;
    const clap::PluginLatency* latencyExt_ = nullptr;
    const clap::PluginTimerSupport* timerExt_ = nullptr;
    std::vector<ClapParameter> parameters_;

    bool active_ = false;
    double sampleRate_ = 48000.0;
    uint32_t maxFrames_ = 512;
    std::atomic<int> latency_ { 0 };
    std::atomic<bool> callbackRequested_ { false }, restartRequested_ { false };
    std::atomic<bool> latencyChanged_ { false }, paramsChanged_ { false };
    std::map<clap::Id, std::unique_ptr<PluginTimer>> timers_;
    clap::Id nextTimerId_ = 1;
};

} // namespace loophole::signal::clapformat
