#include "JuceInsert.h"

#include "JuceFormats.h"
#include "editor/NativeEditorWindow.h"
#include "lv2/Lv2SidechainPorts.h"

namespace loophole::signal::juceformats {

std::unique_ptr<JuceInsert> JuceInsert::create(const juce::PluginDescription& plugin, double sampleRate,
                                               int maxBlockSize, ipc::PluginDescriptionT description,
                                               std::string& error)
{
    juce::String why;
    auto instance = formatManager().createPluginInstance(plugin, sampleRate, maxBlockSize, why);
    if (instance == nullptr)
    {
        error = "cannot load " + plugin.name.toStdString() + ": " + why.toStdString();
        return nullptr;
    }
    return std::unique_ptr<JuceInsert>(new JuceInsert(std::move(instance), std::move(description)));
}

JuceInsert::JuceInsert(std::unique_ptr<juce::AudioPluginInstance> instance, ipc::PluginDescriptionT description)
    : HostedInsert(std::move(description)), instance_(std::move(instance))
{
    parameters_ = instance_->getParameters();
    const auto& plugin = instance_->getPluginDescription();
    if (plugin.pluginFormatName == "LV2")
        lv2SidechainChannels_ = lv2SidechainChannels(this->description().path, plugin.fileOrIdentifier.toStdString());
    chooseBusLayout();
    instance_->setPlayHead(&playHead_);
    vst3_ = Vst3Processing::attach(*instance_);
}

JuceInsert::~JuceInsert()
{
    release();
    instance_->setPlayHead(nullptr);
}

juce::Optional<juce::AudioPlayHead::PositionInfo> JuceInsert::PlayHead::getPosition() const
{
    if (transport == nullptr)
        return {};
    const auto& t = *transport;
    const double beatsPerSample = t.bpm / 60.0 / std::max(1.0, t.sampleRate);
    const int64_t advance = t.playing ? offset : 0;
    PositionInfo info;
    info.setIsPlaying(t.playing);
    info.setIsLooping(t.looping);
    info.setTimeInSamples(t.timelineSample + advance);
    info.setTimeInSeconds(static_cast<double>(t.timelineSample + advance) / std::max(1.0, t.sampleRate));
    info.setBpm(t.bpm);
    info.setPpqPosition(t.ppqPosition + static_cast<double>(advance) * beatsPerSample);
    info.setPpqPositionOfLastBarStart(t.ppqOfLastBarStart);
    info.setTimeSignature(juce::AudioPlayHead::TimeSignature { t.timeSigNumerator, t.timeSigDenominator });
    info.setLoopPoints(juce::AudioPlayHead::LoopPoints { static_cast<double>(t.loopStart) * beatsPerSample,
                                                         static_cast<double>(t.loopEnd) * beatsPerSample });
    return info;
}

void JuceInsert::chooseBusLayout()
{
    // Stereo where the plugin allows it, mono otherwise; a sidechain bus, when there is
    // one, is enabled so InsertContext::sidechain can feed it.
    auto layout = instance_->getBusesLayout();
    for (bool input : { true, false })
    {
        auto& buses = input ? layout.inputBuses : layout.outputBuses;
        if (! buses.isEmpty() && ! buses[0].isDisabled())
        {
            auto attempt = layout;
            (input ? attempt.inputBuses : attempt.outputBuses).getReference(0) = juce::AudioChannelSet::stereo();
            if (instance_->checkBusesLayoutSupported(attempt))
                layout = attempt;
        }
    }
    if (layout.inputBuses.size() > 1 && layout.inputBuses[1].isDisabled())
    {
        const auto* sidechain = instance_->getBus(true, 1);
        for (const auto& set : { sidechain != nullptr ? sidechain->getDefaultLayout() : juce::AudioChannelSet(),
                                 juce::AudioChannelSet::mono(), juce::AudioChannelSet::stereo() })
        {
            if (set.isDisabled())
                continue;
            auto attempt = layout;
            attempt.inputBuses.getReference(1) = set;
            if (instance_->checkBusesLayoutSupported(attempt))
            {
                layout = attempt;
                break;
            }
        }
    }
    instance_->setBusesLayout(layout);
}

void JuceInsert::readChannelCounts()
{
    mainIn_ = instance_->getBusCount(true) > 0 ? instance_->getChannelCountOfBus(true, 0) : 0;
    sidechainIn_ = instance_->getBusCount(true) > 1 ? instance_->getChannelCountOfBus(true, 1) : 0;
    mainOut_ = instance_->getBusCount(false) > 0 ? instance_->getChannelCountOfBus(false, 0) : 0;
    // LV2 sidechain ports that JUCE put into the main bus are fed from the sidechain.
    int moved = 0;
    for (int channel : lv2SidechainChannels_)
        moved += channel < mainIn_ ? 1 : 0;
    mainIn_ -= moved;
    sidechainIn_ += moved;
}

void JuceInsert::routeInputs()
{
    // JUCE's processBlock buffer starts with input bus 0 (the main input, less any LV2
    // sidechain ports JUCE left in it), then bus 1 (the sidechain); further buses stay silent.
    inputRoutes_.clear();
    const int busZero = instance_->getBusCount(true) > 0 ? instance_->getChannelCountOfBus(true, 0) : 0;
    const int busOne = instance_->getBusCount(true) > 1 ? instance_->getChannelCountOfBus(true, 1) : 0;
    int main = 0, sidechain = 0;
    for (int c = 0; c < instance_->getTotalNumInputChannels(); ++c)
    {
        const bool lv2Sidechain = std::find(lv2SidechainChannels_.begin(), lv2SidechainChannels_.end(), c)
                               != lv2SidechainChannels_.end();
        if (c < busZero && ! lv2Sidechain)
            inputRoutes_.push_back({ InputRoute::Main, main++ });
        else if (c < busZero + busOne || lv2Sidechain)
            inputRoutes_.push_back({ InputRoute::Sidechain, sidechain++ });
        else
            inputRoutes_.push_back({ InputRoute::Silence, 0 });
    }
}

void JuceInsert::prepare(double sampleRate, int maxBlockSize)
{
    release();
    instance_->setRateAndBufferSizeDetails(sampleRate, maxBlockSize);
    instance_->prepareToPlay(sampleRate, maxBlockSize);
    // Some formats settle their buses only when prepared (JUCE's LADSPA host).
    readChannelCounts();
    routeInputs();
    const int channels = std::max({ 1, mainIn_ + sidechainIn_, mainOut_,
                                    instance_->getTotalNumInputChannels(), instance_->getTotalNumOutputChannels() });
    scratch_.setSize(channels, maxBlockSize);
    segmentMidi_.ensureSize(8192);
    if (vst3_ != nullptr)
        vst3_->prepare(maxBlockSize);
    prepared_ = true;
}

void JuceInsert::release()
{
    if (! prepared_)
        return;
    instance_->releaseResources();
    prepared_ = false;
}

void JuceInsert::processHosted(InsertContext& context) noexcept
{
    const int frames = std::min(context.audio.getNumSamples(), scratch_.getNumSamples());
    if (! prepared_ || frames <= 0)
        return;
    // Each run of samples between two parameter changes is processed on its own, so every
    // change takes effect exactly at its sample.
    int start = 0;
    size_t next = 0;
    const auto& changes = context.parameters;
    while (start < frames)
    {
        while (next < changes.size() && changes[next].sampleOffset <= start)
        {
            const int index = static_cast<int>(changes[next].index);
            const float value = juce::jlimit(0.0f, 1.0f, changes[next].value);
            if (vst3_ != nullptr)
                vst3_->setParameter(index, value);
            else if (auto* parameter = parameters_[index])
                parameter->setValue(value);
            ++next;
        }
        const int end = next < changes.size() ? std::min(frames, changes[next].sampleOffset) : frames;
        processSegment(context, start, end - start);
        start = end;
    }
}

void JuceInsert::processSegment(InsertContext& context, int start, int length) noexcept
{
    auto& audio = context.audio;
    const int channels = audio.getNumChannels();
    if (length <= 0 || channels == 0)
        return;
    scratch_.clear(0, length);
    const auto* sidechain = context.sidechain;
    const bool hasSidechain = sidechain != nullptr && sidechain->getNumChannels() > 0
                           && sidechain->getNumSamples() >= start + length;
    for (int c = 0; c < static_cast<int>(inputRoutes_.size()); ++c)
    {
        const auto route = inputRoutes_[static_cast<size_t>(c)];
        if (route.source == InputRoute::Main)
            scratch_.copyFrom(c, 0, audio, std::min(route.channel, channels - 1), start, length);
        else if (route.source == InputRoute::Sidechain && hasSidechain)
            scratch_.copyFrom(c, 0, *sidechain, std::min(route.channel, sidechain->getNumChannels() - 1), start, length);
    }

    segmentMidi_.clear();
    segmentMidi_.addEvents(context.midi, start, length, -start);

    // A view of the first `length` samples; the channel-pointer array is stack storage.
    juce::AudioBuffer<float> view(scratch_.getArrayOfWritePointers(), scratch_.getNumChannels(), 0, length);
    playHead_.transport = &context.transport;
    playHead_.offset = start;
    if (vst3_ != nullptr)
        vst3_->process(view, segmentMidi_, playHead_.getPosition());
    else
        instance_->processBlock(view, segmentMidi_);
    playHead_.transport = nullptr;

    if (mainOut_ == 0)
        return;
    for (int c = 0; c < channels; ++c)
        audio.copyFrom(c, start, scratch_, std::min(c, mainOut_ - 1), 0, length);
}

std::vector<uint8_t> JuceInsert::saveState()
{
    juce::MemoryBlock block;
    if (vst3_ != nullptr)
        vst3_->syncEditController(); // JUCE saves the edit controller's state too
    instance_->getStateInformation(block);
    const auto* bytes = static_cast<const uint8_t*>(block.getData());
    return { bytes, bytes + block.getSize() };
}

bool JuceInsert::restoreState(std::span<const uint8_t> state)
{
    if (state.empty() || state.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
        return false;
    instance_->setStateInformation(state.data(), static_cast<int>(state.size()));
    return true;
}

std::unique_ptr<EditorWindow> JuceInsert::openEditor(std::string& error)
{
    if (! instance_->hasEditor())
    {
        error = description().name + " has no editor";
        return nullptr;
    }
    auto window = std::make_unique<NativeEditorWindow>(juce::String(description().name));
    std::unique_ptr<juce::Component> editor(instance_->createEditorIfNeeded());
    if (editor == nullptr)
    {
        error = description().name + " could not create its editor";
        return nullptr;
    }
    window->setEditor(std::move(editor));
    return window;
}

} // namespace loophole::signal::juceformats
