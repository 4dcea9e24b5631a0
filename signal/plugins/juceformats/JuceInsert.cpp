#include "JuceInsert.h"

#include "JuceFormats.h"
#include "editor/NativeEditorWindow.h"

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
    chooseBusLayout();
    instance_->setPlayHead(&playHead_);
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
}

void JuceInsert::prepare(double sampleRate, int maxBlockSize)
{
    release();
    instance_->setRateAndBufferSizeDetails(sampleRate, maxBlockSize);
    instance_->prepareToPlay(sampleRate, maxBlockSize);
    // Some formats settle their buses only when prepared (JUCE's LADSPA host).
    readChannelCounts();
    const int channels = std::max({ 1, mainIn_ + sidechainIn_, mainOut_,
                                    instance_->getTotalNumInputChannels(), instance_->getTotalNumOutputChannels() });
    scratch_.setSize(channels, maxBlockSize);
    segmentMidi_.ensureSize(8192);
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
            if (auto* parameter = parameters_[static_cast<int>(changes[next].index)])
                parameter->setValue(juce::jlimit(0.0f, 1.0f, changes[next].value));
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
    for (int c = 0; c < mainIn_; ++c)
        scratch_.copyFrom(c, 0, audio, std::min(c, channels - 1), start, length);
    if (context.sidechain != nullptr && context.sidechain->getNumChannels() > 0
        && context.sidechain->getNumSamples() >= start + length)
        for (int c = 0; c < sidechainIn_; ++c)
            scratch_.copyFrom(mainIn_ + c, 0, *context.sidechain,
                              std::min(c, context.sidechain->getNumChannels() - 1), start,
                              length);

    segmentMidi_.clear();
    segmentMidi_.addEvents(context.midi, start, length, -start);

    // A view of the first `length` samples; the channel-pointer array is stack storage.
    juce::AudioBuffer<float> view(scratch_.getArrayOfWritePointers(), scratch_.getNumChannels(), 0, length);
    playHead_.transport = &context.transport;
    playHead_.offset = start;
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
