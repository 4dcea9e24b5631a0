// What the built-in instruments share: one envelope shape from normalised attack and
// release, and voice stealing (a free voice, else the one that started longest ago).
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <array>

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

/// Voices have an `envelope` (juce::ADSR) and an `age` (higher = started later).
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

} // namespace loophole::signal
