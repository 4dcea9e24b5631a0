// Compiles a validated graph into a RenderPlan. Objects whose identity did not change
// (inserts, channel state, feed delay lines, clip streams) are taken from the previous
// compilation, so a diff keeps plugin state, meters and buffered audio.
#pragma once

#include "control/Engine.h"
#include "rt/graph/RenderPlan.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <map>
#include <memory>

namespace loophole::signal {

/// What a compiled plan shares with the next one.
struct PlanObjects
{
    std::map<uint32_t, std::shared_ptr<InsertInstance>> inserts;
    std::map<uint32_t, std::shared_ptr<ChannelState>> channels;
    std::map<std::pair<uint32_t, uint32_t>, std::shared_ptr<FeedState>> feeds; // (channel, send or 0)
    struct Stream
    {
        std::string file;
        int64_t sourceOffset = 0, loopLength = 0, length = 0;
        std::shared_ptr<ClipStream> stream;
    };
    std::map<uint32_t, Stream> streams;
};

struct CompileSettings
{
    InsertFactory& inserts;
    juce::AudioFormatManager& formats;
    double sampleRate = 48000.0;
    int maxBlock = 512;
    ClipStream::Mode streamMode = ClipStream::Mode::Streamed; // OnDemand when rendering offline
    int64_t decodedAudioBudget = 0; // OnDemand: bytes of sources read over and over kept decoded (DecodedSources)
};

/// On success `plan` is set and `objects` replaced by the new plan's; on error neither changes.
CommandResult compilePlan(const ipc::GraphSnapshotT& graph, const CompileSettings& settings,
                          PlanObjects& objects, std::unique_ptr<RenderPlan>& plan);

} // namespace loophole::signal
