// A CLAP plugin as an insert: ParameterEvents become CLAP param-value events, made
// sample-accurate by splitting the block at each one (some plugins apply them per call);
// MIDI becomes CLAP note or MIDI events; the transport is passed with every call; state
// goes through clap.state (or, for plugins without it, their parameter values).
#pragma once

#include "ClapInstance.h"
#include "hosting/HostedInsert.h"
#include "rt/ClapEventList.h"

#include <atomic>

namespace loophole::signal::clapformat {

class ClapInsert final : public HostedInsert
{
public:
    /// Main thread. nullptr with `error` set when the plugin cannot be loaded.
    static std::unique_ptr<ClapInsert> create(const std::string& path, const std::string& pluginId,
                                              ipc::PluginDescriptionT description, std::string& error);
    ~ClapInsert() override;

    void prepare(double sampleRate, int maxBlockSize) override;
    void release() override;
    int latencySamples() const noexcept override { return instance_->latency(); }
    int numParameters() const override { return static_cast<int>(instance_->parameters().size()); }
    std::vector<uint8_t> saveState() override;
    bool restoreState(std::span<const uint8_t> state) override;
    std::unique_ptr<EditorWindow> openEditor(std::string& error) override;

    ClapInstance& instance() noexcept { return *instance_; }

private:
    ClapInsert(std::unique_ptr<ClapInstance> instance, ipc::PluginDescriptionT description);
    void processHosted(InsertContext& context) noexcept override;
    void processSegment(InsertContext& context, int start, int length, std::span<const ParameterEvent> changes) noexcept;
    void addEvents(const InsertContext& context, int start, int length, std::span<const ParameterEvent> changes) noexcept;
    void fillTransport(const TransportInfo& transport, int offset) noexcept;
    bool applyParameterValues(const std::vector<std::pair<clap::Id, double>>& values);

    std::unique_ptr<ClapInstance> instance_;
    ClapEventList events_;
    clap::OutputEvents outEvents_ {};
    clap::TransportEvent transport_ {};
    juce::AudioBuffer<float> inputs_, outputs_; // main in + sidechain, main out
    std::vector<float*> inputPointers_, outputPointers_;
    clap::AudioBuffer inputBuses_[2] {}, outputBus_ {};
    uint32_t inputBusCount_ = 0;
    int64_t steadyTime_ = 0;
    bool processing_ = false; // audio thread only
    int maxBlock_ = 0;

    // Parameter values restored while the audio thread runs: written off-thread while the
    // flag is false, read (then the flag cleared) by the audio thread.
    std::vector<std::pair<clap::Id, double>> pendingValues_;
    std::atomic<bool> pendingReady_ { false };
};

} // namespace loophole::signal::clapformat
