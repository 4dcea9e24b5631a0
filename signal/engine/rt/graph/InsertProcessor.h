// One processor in a channel's insert chain: a hosted plugin or a built-in instrument.
// The engine owns this interface; signal/plugins implements it for plugin formats.
//
// Threads: prepare, release, saveState, restoreState and the factory run off the audio
// thread. process, latencySamples and status run on it and must be real-time safe
// (chorus/rt): no allocation, locks, I/O or logging, bounded work.
#pragma once

#include "loophole/ipc/graph_generated.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace loophole::signal {

/// A parameter change inside the current block, landing at sampleOffset (0 .. frames-1).
struct ParameterEvent
{
    int sampleOffset = 0;
    uint32_t index = 0;
    float value = 0.0f; // normalised 0..1 for plugins
};

/// Where the transport is, for processors that follow the host's tempo.
struct TransportInfo
{
    double sampleRate = 48000.0;
    bool playing = false;
    bool looping = false;
    int64_t timelineSample = 0;
    int64_t loopStart = 0;
    int64_t loopEnd = 0;
    double bpm = 120.0;
    double ppqPosition = 0.0;
    double ppqOfLastBarStart = 0.0;
    int timeSigNumerator = 4;
    int timeSigDenominator = 4;
};

struct InsertContext
{
    juce::AudioBuffer<float>& audio;            // processed in place; the insert's main bus
    const juce::AudioBuffer<float>* sidechain;  // nullptr when nothing feeds the sidechain
    juce::MidiBuffer& midi;                     // this block's events; capacity reserved off-thread
    std::span<const ParameterEvent> parameters; // sorted by sampleOffset
    const TransportInfo& transport;
};

/// Mirrors ipc::PluginStatusCode, so telemetry can report it without translation tables.
enum class InsertStatus : uint8_t { Ok = 0, Loading, Bypassed, Crashed, Hung, BadOutput, Failed };

class InsertProcessor
{
public:
    virtual ~InsertProcessor() = default;

    virtual void prepare(double sampleRate, int maxBlockSize) = 0;
    virtual void release() {}

    virtual void process(InsertContext& context) noexcept = 0;
    virtual int latencySamples() const noexcept { return 0; }
    virtual InsertStatus status() const noexcept { return InsertStatus::Ok; }

    virtual int numParameters() const = 0;
    virtual std::vector<uint8_t> saveState() = 0;
    virtual bool restoreState(std::span<const uint8_t> state) = 0;
};

/// Makes processors for the plan compiler from their graph description.
class InsertFactory
{
public:
    virtual ~InsertFactory() = default;

    /// Returns nullptr with `error` set (in plain words) when it cannot make one.
    /// The processor comes back with description.state() applied; the engine then calls
    /// prepare() once more before its first process().
    virtual std::unique_ptr<InsertProcessor> create(const ipc::Processor& description,
                                                    double sampleRate,
                                                    int maxBlockSize,
                                                    std::string& error) = 0;
};

} // namespace loophole::signal
