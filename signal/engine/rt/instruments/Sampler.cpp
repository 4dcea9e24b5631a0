#include "rt/instruments/Sampler.h"
#include "rt/instruments/Voices.h"
#include "control/content/RiffHeaderCheck.h" // restoreState runs on the control thread

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace loophole::signal {

void Sampler::prepare(double rate, int)
{
    sampleRate = rate;
    prepareVoices(voices, rate, values[Attack], values[Release]);
}

void Sampler::setParameter(uint32_t index, float value) noexcept
{
    if (storeNormalised(values, index, value) && index != Gain)
        shapeEnvelopes(voices, values[Attack], values[Release]);
}

InsertStatus Sampler::status() const noexcept
{
    return current.load() ? InsertStatus::Ok : InsertStatus::Failed;
}

void Sampler::handle(const juce::MidiMessage& m, const Sample& sample) noexcept
{
    if (Voice* started = playMidi(voices, m, noteCounter))
    {
        started->position = 0.0;
        started->step = std::exp2((started->note - sample.rootNote) / 12.0) * sample.sampleRate / sampleRate;
    }
}

void Sampler::render(const Sample& sample, float* left, float* right, int from, int to) noexcept
{
    const int length = sample.audio.getNumSamples();
    const float* sourceLeft = sample.audio.getReadPointer(0);
    const float* sourceRight = sample.audio.getReadPointer(sample.audio.getNumChannels() > 1 ? 1 : 0);
    const float gain = values[Gain];
    for (auto& v : voices)
    {
        if (!v.envelope.isActive())
            continue;
        for (int i = from; i < to; ++i)
        {
            const auto index = static_cast<int>(v.position);
            if (index + 1 >= length)
            {
                v.envelope.reset(); // the sample ran out
                break;
            }
            const auto fraction = static_cast<float>(v.position - index);
            const float level = v.velocity * gain * v.envelope.getNextSample();
            left[i] += level * (sourceLeft[index] + fraction * (sourceLeft[index + 1] - sourceLeft[index]));
            right[i] += level * (sourceRight[index] + fraction * (sourceRight[index + 1] - sourceRight[index]));
            v.position += v.step;
        }
    }
}

void Sampler::process(InsertContext& context) noexcept
{
    auto& audio = context.audio;
    const int n = audio.getNumSamples();
    audio.clear();
    const Sample* sample = current.load(std::memory_order_acquire);
    if (!sample || audio.getNumChannels() < 2)
        return;
    float* left = audio.getWritePointer(0);
    float* right = audio.getWritePointer(1);

    auto parameter = context.parameters.begin();
    int position = 0;
    auto advanceTo = [&](int until) {
        while (parameter != context.parameters.end() && parameter->sampleOffset < until)
        {
            const int at = std::max(position, parameter->sampleOffset);
            render(*sample, left, right, position, at);
            position = at;
            setParameter(parameter->index, parameter->value);
            ++parameter;
        }
        render(*sample, left, right, position, until);
        position = until;
    };
    for (const auto metadata : context.midi)
    {
        advanceTo(std::clamp(metadata.samplePosition, 0, n));
        handle(metadata.getMessage(), *sample);
    }
    advanceTo(n);
}

std::vector<uint8_t> Sampler::saveState()
{
    const auto* sample = current.load();
    std::ostringstream text;
    text << (sample ? sample->path : std::string()) << '\n'
         << (sample ? sample->rootNote : 60) << '\n'
         << values[Gain] << ' ' << values[Attack] << ' ' << values[Release];
    const auto s = text.str();
    return { s.begin(), s.end() };
}

bool Sampler::restoreState(std::span<const uint8_t> state)
{
    std::istringstream text(std::string(state.begin(), state.end()));
    auto sample = std::make_unique<Sample>();
    std::getline(text, sample->path);
    std::string line;
    if (std::getline(text, line) && !line.empty())
        sample->rootNote = std::clamp(std::atoi(line.c_str()), 0, 127);
    float gain = values[Gain], attack = values[Attack], release = values[Release];
    text >> gain >> attack >> release;

    const juce::File file(juce::String(juce::CharPointer_UTF8(sample->path.c_str())));
    // Regular files only: opening a FIFO or a terminal would block (restoreState runs on the
    // control thread, which must never hang on a path from a project file).
    std::error_code notRegular;
    if (!juce::File::isAbsolutePath(file.getFullPathName()) || !file.existsAsFile()
        || !std::filesystem::is_regular_file(std::filesystem::path(sample->path), notRegular))
        return false;
    if (riffHeaderProblem(file))
        return false;
    juce::AudioFormatManager formats;
    formats.registerBasicFormats();
    std::unique_ptr<juce::AudioFormatReader> reader(formats.createReaderFor(file));
    constexpr juce::int64 longest = 48000 * 120; // two minutes; a sampler, not a streamer
    if (!reader || reader->lengthInSamples <= 1 || reader->lengthInSamples > longest)
        return false;
    sample->sampleRate = reader->sampleRate;
    sample->audio.setSize(2, static_cast<int>(reader->lengthInSamples));
    if (!reader->read(&sample->audio, 0, sample->audio.getNumSamples(), 0, true, true))
        return false;
    setParameter(Gain, gain);
    setParameter(Attack, attack);
    setParameter(Release, release);
    current.store(sample.get(), std::memory_order_release);
    loaded.push_back(std::move(sample));
    return true;
}

} // namespace loophole::signal
