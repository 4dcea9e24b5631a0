// A small polyphonic sine instrument, so a project makes sound without third-party plugins.
// Parameters (normalised 0..1): 0 gain, 1 attack (1 ms .. 2 s), 2 release (1 ms .. 4 s).
#pragma once

#include "rt/graph/InsertProcessor.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <array>

namespace loophole::signal {

class SineSynth final : public InsertProcessor
{
public:
    enum Parameter : uint32_t { Gain = 0, Attack, Release, ParameterCount };

    SineSynth();

    void prepare(double sampleRate, int maxBlockSize) override;
    void process(InsertContext& context) noexcept override;
    int numParameters() const override { return ParameterCount; }
    std::vector<uint8_t> saveState() override;
    bool restoreState(std::span<const uint8_t> state) override;

    float parameter(uint32_t index) const noexcept { return values[index]; }

private:
    struct Voice
    {
        int note = -1;
        double phase = 0.0, step = 0.0;
        float velocity = 0.0f;
        juce::ADSR envelope;
        uint64_t age = 0;
    };

    void setParameter(uint32_t index, float value) noexcept;
    void handle(const juce::MidiMessage& message) noexcept;
    void render(float* left, float* right, int from, int to) noexcept;

    static constexpr int voiceCount = 16;
    std::array<Voice, voiceCount> voices;
    std::array<float, ParameterCount> values{ 0.5f, 0.01f, 0.1f };
    double sampleRate = 48000.0;
    uint64_t noteCounter = 0;
};

} // namespace loophole::signal
