#include "Vst3Processing.h"

#include <algorithm>

namespace loophole::signal::juceformats {

using namespace Steinberg;

namespace {

/// DPF (the framework zam-plugins and many others are built with) names its edit controller
/// class { 'DPF ', 'ctrl', <plugin id> } (d_cconst words, so byte order varies with the CPU).
bool builtWithDpf(Vst::IComponent& component)
{
    TUID id {};
    if (component.getControllerClassId(id) != kResultOk)
        return false;
    const auto word = [&](int at) { return juce::String(id + at, 4); };
    return (word(0) == "DPF " && word(4) == "ctrl") || (word(0) == " FPD" && word(4) == "lrtc");
}

/// VST3 and JUCE order these layouts' channels the same way, so no remapping is needed.
bool sameChannelOrder(const juce::AudioChannelSet& set)
{
    return set.size() <= 1 || set == juce::AudioChannelSet::stereo() || set.isDiscreteLayout();
}

} // namespace

std::unique_ptr<Vst3Processing> Vst3Processing::attach(juce::AudioPluginInstance& instance)
{
    if (instance.getPluginDescription().pluginFormatName != "VST3")
        return nullptr;
    for (bool input : { true, false })
        for (int b = 0; b < instance.getBusCount(input); ++b)
            if (! sameChannelOrder(instance.getBus(input, b)->getLastEnabledLayout()))
                return nullptr;
    // JUCE's VST3 instance hands out its IComponent to an extensions visitor.
    struct ComponentVisitor final : juce::ExtensionsVisitor
    {
        void visitVST3Client(const VST3Client& client) override { component = client.getIComponentPtr(); }
        Vst::IComponent* component = nullptr;
    } visitor;
    instance.getExtensions(visitor);
    auto* component = visitor.component;
    if (component == nullptr)
        return nullptr;
    Vst::IAudioProcessor* processor = nullptr;
    if (component->queryInterface(Vst::IAudioProcessor::iid, reinterpret_cast<void**>(&processor)) != kResultOk
        || processor == nullptr)
        return nullptr;
    processor->release(); // the component keeps it alive; JUCE's instance keeps the component
    auto result = std::unique_ptr<Vst3Processing>(new Vst3Processing(instance, processor));
    result->sidechainInMainBus_ = builtWithDpf(*component);
    if (result->ids_.size() != static_cast<size_t>(instance.getParameters().size()))
        return nullptr; // a parameter without a VST3 id: leave it all to JUCE
    Vst::IMidiMapping* mapping = nullptr;
    if (component->queryInterface(Vst::IMidiMapping::iid, reinterpret_cast<void**>(&mapping)) == kResultOk && mapping != nullptr)
    {
        result->midiMapping_.read(mapping);
        mapping->release();
    }
    return result;
}

Vst3Processing::Vst3Processing(juce::AudioPluginInstance& instance, Vst::IAudioProcessor* processor)
    : instance_(instance), processor_(processor)
{
    const auto& parameters = instance.getParameters();
    for (int i = 0; i < parameters.size(); ++i)
        if (auto* hosted = dynamic_cast<juce::HostedAudioProcessorParameter*>(parameters[i]))
        {
            const auto id = static_cast<Vst::ParamID>(hosted->getParameterID().getLargeIntValue());
            ids_.push_back(id);
            indexById_.emplace_back(id, i);
            parameters[i]->addListener(this);
        }
    std::sort(indexById_.begin(), indexById_.end());
    shown_ = std::make_unique<std::atomic<float>[]>(ids_.size());
    showPending_ = std::make_unique<std::atomic<bool>[]>(ids_.size());
    for (size_t i = 0; i < ids_.size(); ++i)
        showPending_[i] = false;
    // Room for every parameter (engine, editor, mapped MIDI) and for what the plugin reports.
    inputChanges_.reserve(ids_.size() + 16);
    outputChanges_.reserve(ids_.size() + 16);
    inputEvents_.reserve(2048); // Steinberg's limit per block, as JUCE uses
    outputEvents_.reserve(2048);
    startTimerHz(30);
}

Vst3Processing::~Vst3Processing()
{
    stopTimer();
    for (auto* parameter : instance_.getParameters())
        parameter->removeListener(this);
}

void Vst3Processing::prepare(int maxBlockSize)
{
    prepared_ = false;
    silence_.setSize(1, maxBlockSize);
    silence_.clear();
    discard_.setSize(1, maxBlockSize);
    for (bool input : { true, false })
    {
        auto& buses = input ? inputBuses_ : outputBuses_;
        auto& pointers = input ? inputPointers_ : outputPointers_;
        buses.assign(static_cast<size_t>(instance_.getBusCount(input)), {});
        size_t channels = 0;
        for (int b = 0; b < instance_.getBusCount(input); ++b)
        {
            const auto* bus = instance_.getBus(input, b);
            // Disabled buses keep their channel count (VST3 wants buffers for every bus) but
            // are given silence to read and a scratch channel to write.
            buses[static_cast<size_t>(b)].numChannels = bus->getLastEnabledLayout().size();
            buses[static_cast<size_t>(b)].silenceFlags = bus->isEnabled() ? 0 : ~uint64 { 0 };
            channels += static_cast<size_t>(bus->getLastEnabledLayout().size());
        }
        pointers.assign(std::max<size_t>(channels, 1), nullptr);
    }
    if (sidechainInMainBus_ && inputBuses_.size() > 1 && inputBuses_[0].silenceFlags == 0 && inputBuses_[1].silenceFlags == 0)
    {
        // The sidechain's channels follow the main input's, as in JUCE's buffer.
        inputBuses_[0].numChannels += inputBuses_[1].numChannels;
        inputBuses_.resize(1);
    }
    prepared_ = true;
}

void Vst3Processing::mapBuses(std::vector<Vst::AudioBusBuffers>& buses, std::vector<float*>& pointers, bool input,
                              juce::AudioBuffer<float>& buffer, int numSamples) noexcept
{
    size_t next = 0;
    int juceChannel = 0;
    for (auto& bus : buses)
    {
        bus.channelBuffers32 = pointers.data() + next;
        const bool enabled = bus.silenceFlags == 0;
        for (int c = 0; c < bus.numChannels; ++c)
        {
            float* channel = nullptr;
            if (enabled && juceChannel < buffer.getNumChannels())
                channel = buffer.getWritePointer(juceChannel++);
            else if (input)
            {
                channel = silence_.getWritePointer(0);
                juce::FloatVectorOperations::clear(channel, numSamples); // a plugin may have written it
            }
            else
                channel = discard_.getWritePointer(0);
            pointers[next++] = channel;
        }
    }
}

void Vst3Processing::setParameter(int index, float value) noexcept
{
    if (index < 0 || static_cast<size_t>(index) >= ids_.size())
        return;
    int32 point = 0;
    if (auto* queue = inputChanges_.addParameterData(ids_[static_cast<size_t>(index)], point))
        queue->addPoint(0, value, point);
    shown_[static_cast<size_t>(index)].store(value, std::memory_order_relaxed);
    showPending_[static_cast<size_t>(index)].store(true, std::memory_order_release);
}

void Vst3Processing::fillContext(const juce::Optional<juce::AudioPlayHead::PositionInfo>& position) noexcept
{
    context_ = {};
    context_.sampleRate = instance_.getSampleRate();
    if (! position)
        return;
    using Context = Vst::ProcessContext;
    const auto& p = *position;
    context_.projectTimeSamples = p.getTimeInSamples().orFallback(0);
    context_.continousTimeSamples = context_.projectTimeSamples;
    context_.state |= Context::kContTimeValid;
    if (p.getIsPlaying())
        context_.state |= Context::kPlaying;
    if (const auto bpm = p.getBpm())
    {
        context_.tempo = *bpm;
        context_.state |= Context::kTempoValid;
    }
    if (const auto signature = p.getTimeSignature())
    {
        context_.timeSigNumerator = signature->numerator;
        context_.timeSigDenominator = signature->denominator;
        context_.state |= Context::kTimeSigValid;
    }
    if (const auto ppq = p.getPpqPosition())
    {
        context_.projectTimeMusic = *ppq;
        context_.state |= Context::kProjectTimeMusicValid;
    }
    if (const auto bar = p.getPpqPositionOfLastBarStart())
    {
        context_.barPositionMusic = *bar;
        context_.state |= Context::kBarPositionValid;
    }
    if (const auto loop = p.getLoopPoints())
    {
        context_.cycleStartMusic = loop->ppqStart;
        context_.cycleEndMusic = loop->ppqEnd;
        context_.state |= Context::kCycleValid;
        if (p.getIsLooping())
            context_.state |= Context::kCycleActive;
    }
}

void Vst3Processing::process(juce::AudioBuffer<float>& buffer, const juce::MidiBuffer& midi,
                             const juce::Optional<juce::AudioPlayHead::PositionInfo>& position) noexcept
{
    const int numSamples = buffer.getNumSamples();
    if (! prepared_ || numSamples <= 0)
        return;

    // Controls moved in the plugin's editor since the last block.
    editsFifo_.read(editsFifo_.getNumReady()).forEach([this](int slot) {
        const auto& edit = edits_[static_cast<size_t>(slot)];
        int32 point = 0;
        if (auto* queue = inputChanges_.addParameterData(ids_[static_cast<size_t>(edit.index)], point))
            queue->addPoint(0, edit.value, point);
    });
    translateMidi(midi, midiMapping_, inputEvents_, inputChanges_);
    fillContext(position);
    mapBuses(inputBuses_, inputPointers_, true, buffer, numSamples);
    mapBuses(outputBuses_, outputPointers_, false, buffer, numSamples);

    Vst::ProcessData data;
    data.processMode = instance_.isNonRealtime() ? Vst::kOffline : Vst::kRealtime;
    data.symbolicSampleSize = Vst::kSample32;
    data.numSamples = numSamples;
    data.numInputs = static_cast<int32>(inputBuses_.size());
    data.numOutputs = static_cast<int32>(outputBuses_.size());
    data.inputs = inputBuses_.empty() ? nullptr : inputBuses_.data();
    data.outputs = outputBuses_.empty() ? nullptr : outputBuses_.data();
    data.inputParameterChanges = &inputChanges_;
    data.outputParameterChanges = &outputChanges_;
    data.inputEvents = &inputEvents_;
    data.outputEvents = &outputEvents_;
    data.processContext = &context_;
    processor_->process(data);

    // What the plugin reports (meters, its own automation) is shown in its editor.
    for (int32 q = 0; q < outputChanges_.getParameterCount(); ++q)
    {
        auto* queue = outputChanges_.getParameterData(q);
        int32 offset = 0;
        Vst::ParamValue value = 0;
        const int index = indexOf(queue->getParameterId());
        if (index >= 0 && queue->getPointCount() > 0
            && queue->getPoint(queue->getPointCount() - 1, offset, value) == kResultOk)
        {
            shown_[static_cast<size_t>(index)].store(static_cast<float>(value), std::memory_order_relaxed);
            showPending_[static_cast<size_t>(index)].store(true, std::memory_order_release);
        }
    }
    inputChanges_.clear();
    outputChanges_.clear();
    inputEvents_.clear();
    outputEvents_.clear(); // MIDI a plugin sends is not routed anywhere yet
}

int Vst3Processing::indexOf(Vst::ParamID id) const noexcept
{
    const auto it = std::lower_bound(indexById_.begin(), indexById_.end(), std::make_pair(id, std::numeric_limits<int>::min()));
    return it != indexById_.end() && it->first == id ? it->second : -1;
}

void Vst3Processing::parameterValueChanged(int index, float value)
{
    // JUCE's parameter index is the plugin-wide one; ours counts only parameters with ids,
    // which attach() made the same.
    if (index < 0 || static_cast<size_t>(index) >= ids_.size())
        return;
    editsFifo_.write(1).forEach([&](int slot) { edits_[static_cast<size_t>(slot)] = { index, value }; });
}

void Vst3Processing::timerCallback() { syncEditController(); }

void Vst3Processing::syncEditController()
{
    // On the message thread JUCE's VST3Parameter::setValue passes the value straight to the
    // edit controller (and notifies no listener, so it does not come back to us).
    const auto& parameters = instance_.getParameters();
    for (size_t i = 0; i < ids_.size(); ++i)
        if (showPending_[i].exchange(false, std::memory_order_acquire))
            parameters[static_cast<int>(i)]->setValue(shown_[i].load(std::memory_order_relaxed));
}

} // namespace loophole::signal::juceformats
