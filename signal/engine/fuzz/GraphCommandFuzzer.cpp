// libFuzzer target: a byte stream of wire frames (as a client would send them) drives a
// fresh engine through its control path: LoadGraph, ApplyGraphDiff, SetAutomation,
// SetParameter(s), transport and loop commands, each followed by one rendered block.
// Whatever the engine accepts must leave it holding a graph that still validates and still
// packs into a verifiable frame; whatever it refuses must come back as an error, never a
// crash, leak or undefined behaviour. Seeds: chorus/ipc/golden + corpus/graph_commands.
#include "FixtureAudio.h"
#include "FuzzInsertFactory.h"

#include "control/Engine.h"
#include "control/graph/GraphValidation.h"
#include "loophole/contract/Framing.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <cstddef>
#include <cstdint>

using namespace loophole;
using namespace loophole::signal;

namespace {

constexpr int blockFrames = 64;
constexpr int maxFramesPerInput = 16; // keeps each input's cost bounded

/// Clips may only name the fixtures (see FixtureAudio.h).
bool namesOnlyFixtures(const flatbuffers::Vector<flatbuffers::Offset<ipc::Channel>>* channels)
{
    if (channels == nullptr)
        return true;
    for (const auto* channel : *channels)
        if (const auto* clips = channel->audio_clips())
            for (const auto* clip : *clips)
                if (clip->file() == nullptr || !fuzz::isFixtureAudio(clip->file()->str()))
                    return false;
    return true;
}

bool namesOnlyFixtures(const ipc::Frame& frame)
{
    if (const auto* load = frame.body_as_LoadGraph(); load && load->snapshot())
        return namesOnlyFixtures(load->snapshot()->channels());
    if (const auto* apply = frame.body_as_ApplyGraphDiff(); apply && apply->diff())
        return namesOnlyFixtures(apply->diff()->upsert_channels());
    return true;
}

/// Sends one command to the engine; returns whether it changed the held graph.
bool apply(Engine& engine, const ipc::Frame& frame)
{
    switch (frame.body_type())
    {
        case ipc::Body::LoadGraph:
            return frame.body_as_LoadGraph()->snapshot() != nullptr
                   && !engine.loadGraph(*frame.body_as_LoadGraph()->snapshot());
        case ipc::Body::ApplyGraphDiff:
            return frame.body_as_ApplyGraphDiff()->diff() != nullptr
                   && !engine.applyGraphDiff(*frame.body_as_ApplyGraphDiff()->diff());
        case ipc::Body::SetAutomation:
            return !engine.setAutomation(*frame.body_as_SetAutomation());
        case ipc::Body::SetParameter:
            return !engine.setParameter(*frame.body_as_SetParameter());
        case ipc::Body::SetParameters:
            if (const auto* changes = frame.body_as_SetParameters()->changes())
                for (const auto* change : *changes)
                    (void) engine.setParameter(*change);
            return true;
        case ipc::Body::TransportCommand:
            (void) engine.transport(*frame.body_as_TransportCommand());
            return false;
        case ipc::Body::SetLoop:
            (void) engine.setLoop(*frame.body_as_SetLoop());
            return false;
        default:
            return false;
    }
}

/// The engine's held graph must always be one it would accept again, and must pack.
void checkHeldGraph(Engine& engine)
{
    auto held = engine.graph();
    if (validateGraph(*held))
        __builtin_trap();
    ipc::FrameT frame;
    ipc::LoadGraphT load;
    load.snapshot = std::move(held);
    frame.body.Set(std::move(load));
    std::string error;
    if (contract::verifyFrame(contract::encodeFrame(frame), error) == nullptr)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    (void) fuzz::fixtureAudioFiles();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    contract::FrameReader reader;
    reader.append({ data, size });

    fuzz::FuzzInsertFactory inserts;
    Engine engine(inserts);
    engine.setOfflineMode(true); // clip audio is read on this thread, so runs reproduce
    engine.prepare(48000.0, blockFrames, 2);

    juce::AudioBuffer<float> out(2, blockFrames);
    const juce::MidiBuffer noMidi;
    std::string error;
    for (int count = 0; count < maxFramesPerInput; ++count)
    {
        auto wire = reader.next(error);
        if (!wire)
            break;
        const ipc::Frame* frame = contract::verifyFrame(*wire, error);
        if (frame == nullptr)
            continue;
        if (!namesOnlyFixtures(*frame))
            return -1; // not added to the corpus
        if (apply(engine, *frame))
            checkHeldGraph(engine);
        engine.process(out.getArrayOfWritePointers(), 2, nullptr, 0, blockFrames, noMidi);
    }
    ipc::TelemetryT telemetry;
    engine.collectTelemetry(telemetry);
    return 0;
}
