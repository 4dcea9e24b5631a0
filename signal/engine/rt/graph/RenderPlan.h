// The compiled, immutable form of a graph snapshot that the audio thread renders: channels
// in dependency order (tracks, then buses, then master) with every buffer preallocated.
// Built on the control thread, swapped in at a block boundary, freed on the control thread.
// State that must survive a swap (meters, strip values, delay lines, inserts, clip streams)
// lives in shared objects the next plan adopts when the channel is unchanged.
#pragma once

#include "automation/Curve.h"
#include "content/ClipStream.h"
#include "mix/DelayLine.h"
#include "mix/Meter.h"
#include "mix/PanLaw.h"
#include "rt/graph/InsertProcessor.h"
#include "transport/TempoMap.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <atomic>
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace loophole::signal {

/// A value the strip applies per sample: set by events instantly, eased on plan swaps.
struct StripValue
{
    float value = 0.0f;
    float rampFrom = 0.0f;
    int rampLeft = 0;
    static constexpr int rampLength = 256; // ~5 ms: long enough to avoid a click

    void retarget(float target) noexcept
    {
        if (target == value)
            return;
        rampFrom = current();
        value = target;
        rampLeft = rampLength;
    }
    float current() const noexcept
    {
        return rampLeft > 0 ? value + (rampFrom - value) * (static_cast<float>(rampLeft) / rampLength) : value;
    }
};

/// One insert instance; kept across plans while its id and plugin stay the same.
struct InsertInstance
{
    uint32_t id = 0;
    ipc::PluginFormat format = ipc::PluginFormat::None;
    ipc::BuiltInKind builtin = ipc::BuiltInKind::None;
    std::string pluginUid;
    ipc::IsolationMode isolation = ipc::IsolationMode::Default; // a change makes the insert anew
    std::unique_ptr<InsertProcessor> processor;
};

struct ChannelState
{
    Meter meter;
    StripValue gain, pan, mute, polarity;
    CachedPan fixedPan;
};

/// The state of one feed (a send or the main output): its gain and compensation delay.
struct FeedState
{
    explicit FeedState(int delay) : left(delay), right(delay) {}
    StripValue gain;
    DelayLine left, right;
};

struct PlanInsert
{
    std::shared_ptr<InsertInstance> instance;
    bool bypass = false;
    int sidechainFrom = -1; // plan channel index
    std::vector<std::pair<uint32_t, Curve>> automation; // parameter index -> curve
    std::vector<ParameterEvent> events;                  // per-block scratch, reserved
};

struct PlanFeed
{
    uint32_t sendId = 0; // 0 = the channel's main output
    int target = -1;     // plan channel index; -1 = device output (master)
    bool preFader = false;
    float gain = 1.0f;
    Curve gainCurve;
    std::shared_ptr<FeedState> state;
};

struct PlanAudioClip
{
    uint32_t id = 0;
    int64_t start = 0, length = 0;
    float gain = 1.0f;
    int64_t fadeIn = 0, fadeOut = 0;
    ipc::FadeShape fadeInShape = ipc::FadeShape::Linear, fadeOutShape = ipc::FadeShape::Linear;
    std::shared_ptr<ClipStream> stream;
};

struct PlanMidiEvent
{
    int64_t time;
    uint8_t status, data1, data2;
};

struct PlanMidiClip
{
    uint32_t id = 0;
    int64_t start = 0, length = 0, loopLength = 0;
    std::vector<PlanMidiEvent> events; // sorted by time
    std::bitset<16 * 128> held;        // notes this clip has on; released at a pass or clip end
};

struct PlanChannel
{
    uint32_t id = 0;
    ipc::ChannelKind kind = ipc::ChannelKind::Audio;
    std::shared_ptr<ChannelState> state;

    float gain = 1.0f, pan = 0.0f;
    bool mute = false, polarity = false;
    Curve gainCurve, panCurve, muteCurve, polarityCurve;

    std::vector<PlanInsert> inserts;
    std::vector<PlanFeed> feeds;
    std::vector<PlanAudioClip> audioClips;
    std::vector<PlanMidiClip> midiClips;
    int latency = 0; // at this channel's output, from the furthest source
    bool fed = false;         // another channel's output or send adds into this one
    bool sharesAudio = false; // `audio` is the plan's shared buffer: nothing reads it after this channel's turn

    juce::AudioBuffer<float> audio;  // 2 x maxBlock: summed inputs, processed in place (own, or RenderPlan::sharedAudio)
    juce::MidiBuffer midi;           // midiCapacityBytes reserved at compile time
    static constexpr int midiCapacityBytes = 16384;
};

/// Where a parameter address points, resolved at compile time.
struct ParameterTarget
{
    enum class Kind : uint8_t { Channel, Send, Insert } kind = Kind::Channel;
    int channel = 0;
    int index = 0; // feed or insert index inside the channel
};

struct RenderPlan
{
    uint64_t revision = 0;
    double sampleRate = 48000.0;
    int maxBlock = 512;
    std::vector<PlanChannel> channels; // dependency order
    int master = -1;
    TempoMap tempo;
    std::vector<std::pair<uint32_t, ParameterTarget>> targets; // sorted by id

    const ParameterTarget* findTarget(uint32_t node) const noexcept;

    // Per-block scratch (per-sample lanes), sized at compile time.
    std::vector<float> laneGain, lanePan, laneMute, lanePolarity, laneLeft, laneRight, laneSend;
    juce::AudioBuffer<float> clipScratch; // 2 x maxBlock
    juce::AudioBuffer<float> sharedAudio; // 2 x maxBlock: the audio of channels that share one (PlanChannel::sharesAudio)
};

} // namespace loophole::signal
