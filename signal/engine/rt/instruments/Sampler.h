// A one-sample instrument: plays an audio file, pitched by note against a root note.
// State (text, UTF-8): "<absolute path>\n<root note>\n<gain> <attack> <release>".
// Parameters (normalised 0..1) as SineSynth: 0 gain, 1 attack, 2 release.
#pragma once

#include "rt/graph/InsertProcessor.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace loophole::signal {

class Sampler final : public InsertProcessor
{
public:
    enum Parameter : uint32_t { Gain = 0, Attack, Release, ParameterCount };

    void prepare(double sampleRate, int maxBlockSize) override;
    void process(InsertContext& context) noexcept override;
    int numParameters() const override { return ParameterCount; }
    std::vector<uint8_t> saveState() override;
    /// Loads the sample (off the audio thread); false when the file cannot be read.
    bool restoreState(std::span<const uint8_t> state) override;
    InsertStatus status() const noexcept override;

private:
    struct Sample
    {
        std::string path;
        int rootNote = 60;
        double sampleRate = 48000.0;
        juce::AudioBuffer<float> audio;
    };
    struct Voice
    {
        int note = -1;
        double position = 0.0, step = 1.0;
        float velocity = 0.0f;
        juce::ADSR envelope;
        uint64_t age = 0;
    };

    void setParameter(uint32_t index, float value) noexcept;
    void handle(const juce::MidiMessage& message, const Sample& sample) noexcept;
    void render(const Sample& sample, float* left, float* right, int from, int to) noexcept;

    // Samples loaded so far stay alive until destruction, so the audio thread can keep
    // reading the one it holds while a new one is published.
    std::vector<std::unique_ptr<Sample>> loaded;
    std::atomic<const Sample*> current{ nullptr };
    std::array<Voice, 16> voices;
    std::array<float, ParameterCount> values{ 0.8f, 0.0f, 0.05f };
    double sampleRate = 48000.0;
    uint64_t noteCounter = 0;
};

} // namespace loophole::signal
