// Which clip sources an offline render keeps decoded in memory, and the decoding.
//
// Offline, a clip is otherwise decoded from its file every time the render passes it: a 1 s
// loop under a 60 s clip is read, copied out of the page cache and converted 60 times, and
// 64 clips on one file decode it 64 times. A file region the graph reads at least twice over
// is decoded once instead, when it fits the render's memory budget; everything else streams
// from the file as before. The floats are the same either way, so a render's bytes do not
// depend on the budget (tests compare them).
//
// One per plan compilation, on the control thread (an offline render's own thread).
#pragma once

#include "loophole/ipc/frame_generated.h"
#include "rt/content/DecodedAudio.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace loophole::signal {

class DecodedSources
{
public:
    /// `budgetBytes`: memory the decoded audio may take in all; 0 keeps nothing.
    DecodedSources(const ipc::GraphSnapshotT& graph, int64_t budgetBytes);

    /// The decoded audio `clip` plays from, or nullptr when its file is to be streamed.
    /// `reader` is JUCE's reader of `file` (already validated); the first clip of a file
    /// that is worth keeping decodes it.
    std::shared_ptr<const DecodedAudio> forClip(const ipc::AudioClipT& clip, juce::AudioFormatReader& reader,
                                                const juce::File& file);

private:
    /// The file frames the graph's clips read, and how many frames they read in all.
    struct Demand
    {
        int64_t first = INT64_MAX;
        int64_t end = INT64_MIN;
        int64_t reads = 0;
    };

    std::map<std::string, Demand> demand;
    std::map<std::string, std::shared_ptr<const DecodedAudio>> decoded; // nullptr: decided against
    int64_t budgetLeft;
};

/// Frames [first, end) of `file` (within it) decoded as the clip streams would decode them,
/// or nullptr when memory or a read fails.
std::shared_ptr<const DecodedAudio> decodeRegion(juce::AudioFormatReader& reader, const juce::File& file,
                                                 int64_t first, int64_t end);

} // namespace loophole::signal
