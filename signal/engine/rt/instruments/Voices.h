// What the built-in instruments share: one envelope shape from normalised attack and
// release, voice stealing (a free voice, else the one that started longest ago), and the
// MIDI and parameter handling around them. All noexcept and allocation-free: the audio
// thread calls them.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace loophole::signal {

/// Attack 1 ms .. 2 s and release 1 ms .. 4 s, from parameters normalised to 0..1.
inline juce::ADSR::Parameters envelopeShape(float attack, float release) noexcept
{
    juce::ADSR::Parameters shape;
    shape.attack = 0.001f + attack * 2.0f;
    shape.decay = 0.05f;
    shape.sustain = 1.0f;
    shape.release = 0.001f + release * 4.0f;
    return shape;
}

// Voices below have a `note`, an `envelope` (juce::ADSR) and an `age` (higher = started later).

/// Gives every envelope the attack and release (normalised 0..1).
template <typename Voice, size_t count>
void shapeEnvelopes(std::array<Voice, count>& voices, float attack, float release) noexcept
{
    const auto shape = envelopeShape(attack, release);
    for (auto& voice : voices)
        voice.envelope.setParameters(shape);
}

/// Silences every voice and forgets its note, at a new sample rate.
template <typename Voice, size_t count>
void prepareVoices(std::array<Voice, count>& voices, double sampleRate, float attack, float release) noexcept
{
    for (auto& voice : voices)
    {
        voice.envelope.setSampleRate(sampleRate);
        voice.envelope.reset();
        voice.note = -1;
    }
    shapeEnvelopes(voices, attack, release);
}

/// Stores a finite value, clamped to 0..1; false (nothing stored) for a bad index or value.
template <size_t count>
bool storeNormalised(std::array<float, count>& values, uint32_t index, float value) noexcept
{
    if (index >= count || ! std::isfinite(value))
        return false;
    values[index] = std::clamp(value, 0.0f, 1.0f);
    return true;
}

template <typename Voice, size_t count>
Voice& voiceToPlay(std::array<Voice, count>& voices) noexcept
{
    Voice* oldest = &voices[0];
    for (auto& voice : voices) {
        if (! voice.envelope.isActive())
            return voice;
        if (voice.age < oldest->age)
            oldest = &voice;
    }
    return *oldest;
}

template <typename Voice, size_t count>
void releaseNote(std::array<Voice, count>& voices, int note) noexcept
{
    for (auto& voice : voices)
        if (voice.note == note && voice.envelope.isActive())
            voice.envelope.noteOff();
}

/// Starts, releases or silences voices as a MIDI message says. Returns the voice a note-on
/// started (note, velocity, age and envelope set), for the instrument to tune; else null.
template <typename Voice, size_t count>
Voice* playMidi(std::array<Voice, count>& voices, const juce::MidiMessage& message, uint64_t& noteCounter) noexcept
{
    if (message.isNoteOn())
    {
        Voice& started = voiceToPlay(voices);
        started.note = message.getNoteNumber();
        started.velocity = message.getFloatVelocity();
        started.age = ++noteCounter;
        started.envelope.reset();
        started.envelope.noteOn();
        return &started;
    }
    if (message.isNoteOff())
        releaseNote(voices, message.getNoteNumber());
    else if (message.isAllNotesOff() || message.isAllSoundOff())
        for (auto& voice : voices)
            voice.envelope.reset();
    return nullptr;
}

} // namespace loophole::signal
