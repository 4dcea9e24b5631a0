// A VST3, LV2 or LADSPA plugin (anything JUCE hosts) as an insert. Parameter changes are
// made sample-accurate by splitting the block at each ParameterEvent's offset. VST3 plugins
// are processed through Vst3Processing (JUCE 7.0.5's own VST3 processBlock locks).
#pragma once

#include "hosting/HostedInsert.h"
#include "vst3/Vst3Processing.h"

#include <juce_audio_processors/juce_audio_processors.h>

namespace loophole::signal::juceformats {

class JuceInsert final : public HostedInsert
{
public:
    /// Main thread (JUCE instantiates plugins there). nullptr with `error` set on failure.
    static std::unique_ptr<JuceInsert> create(const juce::PluginDescription& plugin, double sampleRate,
                                              int maxBlockSize, ipc::PluginDescriptionT description,
                                              std::string& error);
    ~JuceInsert() override;

    void prepare(double sampleRate, int maxBlockSize) override;
    void release() override;
    int latencySamples() const noexcept override { return instance_->getLatencySamples(); }
    int numParameters() const override { return parameters_.size(); }
    std::vector<uint8_t> saveState() override;
    bool restoreState(std::span<const uint8_t> state) override;
    std::unique_ptr<EditorWindow> openEditor(std::string& error) override;

    juce::AudioPluginInstance& instance() noexcept { return *instance_; }

private:
    JuceInsert(std::unique_ptr<juce::AudioPluginInstance> instance, ipc::PluginDescriptionT description);
    void chooseBusLayout();
    void readChannelCounts();
    void routeInputs();
    void processHosted(InsertContext& context) noexcept override;
    void processSegment(InsertContext& context, int start, int length) noexcept;

    /// The engine's transport, as JUCE plugins ask for it (from inside processBlock).
    class PlayHead final : public juce::AudioPlayHead
    {
    public:
        juce::Optional<PositionInfo> getPosition() const override;
        const TransportInfo* transport = nullptr; // set for the duration of one segment
        int offset = 0;
    };

    std::unique_ptr<juce::AudioPluginInstance> instance_;
    PlayHead playHead_;
    juce::Array<juce::AudioProcessorParameter*> parameters_;
    std::unique_ptr<Vst3Processing> vst3_; // VST3 only; destroyed before instance_
    juce::AudioBuffer<float> scratch_;
    juce::MidiBuffer segmentMidi_;
    int mainIn_ = 0, sidechainIn_ = 0, mainOut_ = 0;

    /// Where each of the plugin's input channels (JUCE's processBlock order) is fed from.
    struct InputRoute
    {
        enum Source { Main, Sidechain, Silence } source;
        int channel; // of context.audio or context.sidechain
    };
    std::vector<InputRoute> inputRoutes_;
    std::vector<int> lv2SidechainChannels_; // LV2 sidechain ports JUCE left in the main bus
    bool prepared_ = false;
};

} // namespace loophole::signal::juceformats
