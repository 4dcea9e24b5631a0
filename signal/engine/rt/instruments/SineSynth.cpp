#include "rt/instruments/SineSynth.h"
#include "rt/instruments/Voices.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

namespace loophole::signal {

SineSynth::SineSynth() { updateEnvelopes(); }

void SineSynth::prepare(double rate, int)
{
    sampleRate = rate;
    for (auto& v : voices)
    {
        v.envelope.setSampleRate(rate);
        v.envelope.reset();
        v.note = -1;
    }
    updateEnvelopes();
}

void SineSynth::updateEnvelopes() noexcept
{
    const auto shape = envelopeShape(values[Attack], values[Release]);
    for (auto& v : voices)
        v.envelope.setParameters(shape);
}

void SineSynth::setParameter(uint32_t index, float value) noexcept
{
    if (index >= ParameterCount || !std::isfinite(value))
        return;
    values[index] = std::clamp(value, 0.0f, 1.0f);
    if (index != Gain)
        updateEnvelopes();
}

void SineSynth::handle(const juce::MidiMessage& m) noexcept
{
    if (m.isNoteOn())
    {
        Voice* target = &voiceToPlay(voices);
        target->note = m.getNoteNumber();
        target->velocity = m.getFloatVelocity();
        target->step = juce::MidiMessage::getMidiNoteInHertz(target->note) / sampleRate;
        target->phase = 0.0;
        target->age = ++noteCounter;
        target->envelope.reset();
        target->envelope.noteOn();
    }
    else if (m.isNoteOff())
    {
        releaseNote(voices, m.getNoteNumber());
    }
    else if (m.isAllNotesOff() || m.isAllSoundOff())
    {
        for (auto& v : voices)
            v.envelope.reset();
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
