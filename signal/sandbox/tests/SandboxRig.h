// Test rig: a PluginHost (in-engine plugins) and a SandboxFactory over it sharing one scan
// cache, plus helpers to describe processors with an isolation mode and to time blocks.
#pragma once

#define LOOPHOLE_TEST_PLUGIN_DIR LOOPHOLE_SANDBOX_TEST_PLUGIN_DIR
#include "tests/Rendering.h" // signal/plugins' render helpers: test signal, render(), identical()

#include "control/SandboxFactory.h"
#include "control/SandboxedInsert.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>

namespace loophole::signal::sandbox::test {

using namespace loophole::signal::test;

/// Deadlines long enough that a busy CI machine never misses one: for tests that compare
/// output, where a missed block would be a false failure.
inline SandboxOptions patientOptions()
{
    SandboxOptions options;
    options.minimumDeadlineNs = 2'000'000'000;
    return options;
}

inline std::string zamPath(const char* format, const char* plugin)
{
    const std::string f = format;
    if (f == "LV2") return std::string("/usr/lib/lv2/") + plugin + ".lv2";
    if (f == "CLAP") return std::string("/usr/lib/clap/") + plugin + ".clap";
    return std::string("/usr/lib/vst3/") + plugin + ".vst3";
}

inline std::string stallPluginPath() { return testPluginDir() + "/clap/LoopholeStall.clap"; }
inline std::string slowPluginPath() { return testPluginDir() + "/clap/LoopholeSlow.clap"; }

struct SandboxRig
{
    explicit SandboxRig(SandboxOptions options = patientOptions(),
                        ipc::IsolationMode defaultMode = ipc::IsolationMode::SharedSandbox)
        : plugins(builtIns, cacheFile()), factory(plugins, { {}, cacheFile() }, options, defaultMode)
    {
    }

    static std::string cacheFile() { return artifactsDir() + "/sandbox-scan-cache.json"; }

    /// The first plugin at `path`, scanned (or found in the cache).
    ipc::PluginDescriptionT scan(const std::string& path)
    {
        auto catalogue = plugins.scan({ path }, false, {});
        EXPECT_FALSE(catalogue.plugins.empty()) << "nothing found in " << path;
        return catalogue.plugins.empty() ? ipc::PluginDescriptionT {} : *catalogue.plugins.front();
    }

    /// Made as the engine makes it: create, then prepare once more before the first block.
    std::unique_ptr<InsertProcessor> make(const ipc::PluginDescriptionT& plugin, ipc::IsolationMode mode,
                                          const std::vector<uint8_t>& state = {}, int maxBlock = blockSize)
    {
        flatbuffers::FlatBufferBuilder fbb;
        fbb.Finish(ipc::CreateProcessorDirect(fbb, 1, plugin.format, plugin.uid.c_str(), ipc::BuiltInKind::None,
                                              state.empty() ? nullptr : &state, false, mode));
        std::string error;
        auto insert = factory.create(*flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer()), sampleRate,
                                     maxBlock, error);
        EXPECT_NE(insert, nullptr) << error;
        if (insert != nullptr)
            insert->prepare(sampleRate, maxBlock);
        return insert;
    }

    NoBuiltIns builtIns;
    PluginHost plugins;
    SandboxFactory factory;
};

/// One block through `insert`; returns how long process() took.
inline std::chrono::nanoseconds processBlock(InsertProcessor& insert, juce::AudioBuffer<float>& block,
                                             std::span<const ParameterEvent> events = {})
{
    juce::MidiBuffer midi;
    midi.ensureSize(1024);
    TransportInfo transport;
    transport.playing = true;
    InsertContext context { block, nullptr, midi, events, transport };
    const auto start = std::chrono::steady_clock::now();
    insert.process(context);
    return std::chrono::steady_clock::now() - start;
}

inline bool silent(const juce::AudioBuffer<float>& block)
{
    for (int c = 0; c < block.getNumChannels(); ++c)
        if (block.getMagnitude(c, 0, block.getNumSamples()) != 0.0f)
            return false;
    return true;
}

/// A block of the test signal starting at `start`.
inline juce::AudioBuffer<float> inputBlock(const juce::AudioBuffer<float>& signal, int start, int frames = blockSize)
{
    juce::AudioBuffer<float> block(2, frames);
    for (int c = 0; c < 2; ++c)
        block.copyFrom(c, 0, signal, c, start % (signal.getNumSamples() - frames), frames);
    return block;
}

} // namespace loophole::signal::sandbox::test
