// The audio-thread half of a VST3 plugin that JUCE loaded: our own call of
// IAudioProcessor::process on the component JUCE exposes (ExtensionsVisitor::VST3Client), while
// JUCE keeps doing what it does well — loading, bus negotiation, setupProcessing /
// setActive / setProcessing in prepareToPlay, state and editors.
//
// Why not JUCE's processBlock: in JUCE 7.0.5 it locks on the audio thread. Its MIDI event
// lists are Array<Event, CriticalSection> (juce_VST3Common.h, MidiEventList::events), cleared
// and filled on every block, and VST3Parameter::setValue reaches
// EditControllerParameterDispatcher::push, whose MessageManager::isThisTheMessageThread()
// locks a std::mutex (juce_MessageManager.cpp). Here every list is sized up front and
// parameter values travel through lock-free queues.
#pragma once

#include "Vst3EventList.h"
#include "Vst3ParameterChanges.h"

#include <pluginterfaces/vst/ivstaudioprocessor.h>
#include <pluginterfaces/vst/ivstprocesscontext.h>

#include <juce_audio_processors/juce_audio_processors.h>

#include <atomic>
#include <memory>
#include <vector>

namespace loophole::signal::juceformats {

class Vst3Processing final : private juce::AudioProcessorParameter::Listener, private juce::Timer
{
public:
    /// Message thread, once JUCE has loaded the plugin. nullptr when `instance` is not a VST3
    /// or its buses use a channel order JUCE would have to remap (anything but mono, stereo
    /// and discrete layouts): such plugins keep JUCE's own processBlock.
    static std::unique_ptr<Vst3Processing> attach(juce::AudioPluginInstance& instance);
    ~Vst3Processing() override;

    /// Message thread, after instance.prepareToPlay (which activates the plugin's buses).
    void prepare(int maxBlockSize);

    /// Audio thread: the parameter (index into instance.getParameters()) takes `value` from
    /// the next process() call on.
    void setParameter(int index, float value) noexcept;

    /// Audio thread: one IAudioProcessor::process call, in place on `buffer`, laid out as JUCE
    /// lays out processBlock's buffer (input buses one after another, outputs from channel 0).
    void process(juce::AudioBuffer<float>& buffer, const juce::MidiBuffer& midi,
                 const juce::Optional<juce::AudioPlayHead::PositionInfo>& position) noexcept;

    /// Message thread: gives the edit controller (and so the editor and the controller's
    /// saved state) the values the audio thread last sent or received. Runs on a timer too.
    void syncEditController();

private:
    Vst3Processing(juce::AudioPluginInstance& instance, Steinberg::Vst::IAudioProcessor* processor);
    void parameterValueChanged(int index, float value) override; // the plugin's editor moved a control
    void parameterGestureChanged(int, bool) override {}
    void timerCallback() override; // shows the engine's automation in the plugin's editor
    void fillContext(const juce::Optional<juce::AudioPlayHead::PositionInfo>& position) noexcept;
    void mapBuses(std::vector<Steinberg::Vst::AudioBusBuffers>& buses, std::vector<float*>& pointers,
                  bool input, juce::AudioBuffer<float>& buffer, int numSamples) noexcept;
    int indexOf(Steinberg::Vst::ParamID id) const noexcept;

    juce::AudioPluginInstance& instance_;
    Steinberg::Vst::IAudioProcessor* processor_; // owned by JUCE's instance, which outlives us
    std::vector<Steinberg::Vst::ParamID> ids_;   // by JUCE parameter index
    std::vector<std::pair<Steinberg::Vst::ParamID, int>> indexById_; // sorted, for output changes
    Vst3MidiMapping midiMapping_;

    Vst3ParameterChanges inputChanges_, outputChanges_;
    Vst3EventList inputEvents_, outputEvents_;
    Steinberg::Vst::ProcessContext context_ {};
    std::vector<Steinberg::Vst::AudioBusBuffers> inputBuses_, outputBuses_;
    std::vector<float*> inputPointers_, outputPointers_;
    juce::AudioBuffer<float> silence_, discard_; // for buses the layout disables

    // DPF's VST3 wrapper as zam-plugins 4.1 ships it reads only the first input bus:
    // PluginVst3::process copies data->inputs->channel_buffers_32[0 .. num_channels) and gives
    // every other port (the sidechain bus) fDummyAudioBuffer, silence. Its ports are numbered
    // main first, then sidechain, so a DPF plugin gets its sidechain as extra channels of bus 0
    // (numInputs 1). Later DPF releases walk all buses with one port counter and read the
    // same channels the same way.
    bool sidechainInMainBus_ = false;

    // Message thread -> audio thread: values the editor set (single producer, single consumer).
    struct Change
    {
        int index;
        float value;
    };
    juce::AbstractFifo editsFifo_ { 1024 };
    std::vector<Change> edits_ = std::vector<Change>(1024);

    // Audio thread -> message thread: the latest value the plugin was given or reported.
    std::unique_ptr<std::atomic<float>[]> shown_;
    std::unique_ptr<std::atomic<bool>[]> showPending_;
    bool prepared_ = false;
};

} // namespace loophole::signal::juceformats
