// Test helpers: a fixed test signal, block-by-block rendering through an insert, and
// graph Processor descriptions built the way the engine receives them.
#pragma once

#include "PluginHost.h" // brings the generated loophole/ipc headers (and FlatBuffers)

#include <juce_audio_basics/juce_audio_basics.h>

#include <cmath>
#include <string>
#include <vector>

namespace loophole::signal::test {

inline constexpr double sampleRate = 48000.0;
inline constexpr int blockSize = 512;
inline constexpr int numBlocks = 8;

/// A 220 Hz tone with noise, loud enough to open gates and drive compressors.
inline juce::AudioBuffer<float> testSignal()
{
    juce::AudioBuffer<float> signal(2, blockSize * numBlocks);
    juce::Random random(1234);
    for (int i = 0; i < signal.getNumSamples(); ++i)
    {
        const float tone = 0.5f * std::sin(2.0f * juce::MathConstants<float>::pi * 220.0f * static_cast<float>(i) / 48000.0f);
        for (int c = 0; c < 2; ++c)
            signal.setSample(c, i, tone + 0.1f * (random.nextFloat() * 2.0f - 1.0f));
    }
    return signal;
}

struct TimedChange
{
    int sample; // absolute, from the start of the render
    uint32_t index;
    float value;
};

/// Runs `input` through `insert` in blocks, delivering each change inside its block.
inline juce::AudioBuffer<float> render(InsertProcessor& insert, const juce::AudioBuffer<float>& input,
                                       const std::vector<TimedChange>& changes = {},
                                       const juce::AudioBuffer<float>* sidechain = nullptr)
{
    juce::AudioBuffer<float> output(input);
    juce::AudioBuffer<float> block(2, blockSize), sidechainBlock(2, blockSize);
    juce::MidiBuffer midi;
    TransportInfo transport;
    transport.playing = true;
    for (int start = 0; start < input.getNumSamples(); start += blockSize)
    {
        for (int c = 0; c < 2; ++c)
            block.copyFrom(c, 0, input, c, start, blockSize);
        std::vector<ParameterEvent> events;
        for (const auto& change : changes)
            if (change.sample >= start && change.sample < start + blockSize)
                events.push_back({ change.sample - start, change.index, change.value });
        if (sidechain != nullptr)
            for (int c = 0; c < 2; ++c)
                sidechainBlock.copyFrom(c, 0, *sidechain, c, start, blockSize);
        InsertContext context { block, sidechain != nullptr ? &sidechainBlock : nullptr, midi, events, transport };
        insert.process(context);
        transport.timelineSample += blockSize;
        for (int c = 0; c < 2; ++c)
            output.copyFrom(c, start, block, c, 0, blockSize);
    }
    return output;
}

inline bool identical(const juce::AudioBuffer<float>& a, const juce::AudioBuffer<float>& b, int from, int to)
{
    for (int c = 0; c < a.getNumChannels(); ++c)
        if (std::memcmp(a.getReadPointer(c, from), b.getReadPointer(c, from), sizeof(float) * static_cast<size_t>(to - from)) != 0)
            return false;
    return true;
}

inline bool allFinite(const juce::AudioBuffer<float>& a)
{
    for (int c = 0; c < a.getNumChannels(); ++c)
        for (int i = 0; i < a.getNumSamples(); ++i)
            if (! std::isfinite(a.getSample(c, i)))
                return false;
    return true;
}

/// The graph's description of one insert, as a finished flatbuffer.
struct ProcessorBlob
{
    flatbuffers::FlatBufferBuilder fbb;
    const ipc::Processor* get() const { return flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer()); }
};

inline std::unique_ptr<ProcessorBlob> processorFor(const ipc::PluginDescriptionT& plugin, const std::vector<uint8_t>& state = {})
{
    auto blob = std::make_unique<ProcessorBlob>();
    auto root = ipc::CreateProcessorDirect(blob->fbb, 1, plugin.format, plugin.uid.c_str(), ipc::BuiltInKind::None,
                                           state.empty() ? nullptr : &state);
    blob->fbb.Finish(root);
    return blob;
}

/// Built-ins are the engine's business; this host never needs them in these tests.
class NoBuiltIns final : public InsertFactory
{
public:
    std::unique_ptr<InsertProcessor> create(const ipc::Processor&, double, int, std::string& error) override
    {
        error = "no built-ins in plugin tests";
        return nullptr;
    }
};

inline std::string artifactsDir() { return LOOPHOLE_TEST_ARTIFACTS; }
inline std::string testPluginDir() { return LOOPHOLE_TEST_PLUGIN_DIR; }

} // namespace loophole::signal::test
