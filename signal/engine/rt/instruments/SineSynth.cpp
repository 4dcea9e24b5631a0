#include "rt/instruments/SineSynth.h"
#include "rt/instruments/Voices.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

namespace loophole::signal {

SineSynth::SineSynth() { shapeEnvelopes(voices, values[Attack], values[Release]); }

void SineSynth::prepare(double rate, int)
{
    sampleRate = rate;
    prepareVoices(voices, rate, values[Attack], values[Release]);
}

void SineSynth::setParameter(uint32_t index, float value) noexcept
{
    if (storeNormalised(values, index, value) && index != Gain)
        shapeEnvelopes(voices, values[Attack], values[Release]);
}

void SineSynth::handle(const juce::MidiMessage& m) noexcept
{
    if (Voice* started = playMidi(voices, m, noteCounter))
    {
        started->step = juce::MidiMessage::getMidiNoteInHertz(started->note) / sampleRate;
        started->phase = 0.0;
    }
}

void SineSynth::render(float* left, float* right, int from, int to) noexcept
{
    const float gain = values[Gain];
    for (auto& v : voices)
    {
        if (!v.envelope.isActive())
            continue;
        for (int i = from; i < to; ++i)
        {
            const float s = static_cast<float>(std::sin(2.0 * std::numbers::pi * v.phase)) * v.velocity * gain
                            * v.envelope.getNextSample();
            v.phase += v.step;
            if (v.phase >= 1.0)
                v.phase -= 1.0;
            left[i] += s;
            right[i] += s;
        }
    }
}

void SineSynth::process(InsertContext& context) noexcept
{
    auto& audio = context.audio;
    const int n = audio.getNumSamples();
    float* left = audio.getWritePointer(0);
    float* right = audio.getNumChannels() > 1 ? audio.getWritePointer(1) : left;
    audio.clear();

    auto parameter = context.parameters.begin();
    int position = 0;
    auto advanceTo = [&](int until) {
        // Parameter changes land exactly on their sample, between MIDI events too.
        while (parameter != context.parameters.end() && parameter->sampleOffset < until)
        {
            render(left, right, position, std::max(position, parameter->sampleOffset));
            position = std::max(position, parameter->sampleOffset);
            setParameter(parameter->index, parameter->value);
            ++parameter;
        }
        render(left, right, position, until);
        position = until;
    };
    for (const auto metadata : context.midi)
    {
        const int at = std::clamp(metadata.samplePosition, 0, n);
        advanceTo(at);
        handle(metadata.getMessage());
    }
    advanceTo(n);
}

std::vector<uint8_t> SineSynth::saveState()
{
    std::vector<uint8_t> state(sizeof(values));
    std::memcpy(state.data(), values.data(), sizeof(values));
    return state;
}

bool SineSynth::restoreState(std::span<const uint8_t> state)
{
    if (state.size() != sizeof(values))
        return false;
    std::array<float, ParameterCount> loaded;
    std::memcpy(loaded.data(), state.data(), sizeof(values));
    for (uint32_t i = 0; i < ParameterCount; ++i)
        setParameter(i, loaded[i]);
    return true;
}

} // namespace loophole::signal
