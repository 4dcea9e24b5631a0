// Graphs and audio files for tests: n audio tracks into a master.
#pragma once

#include "loophole/ipc/graph_generated.h"

#include <string>
#include <vector>

namespace loophole::signal::testing {

constexpr uint32_t kMasterId = 1;
constexpr uint32_t kFirstTrackId = 100;

/// `tracks` audio channels (ids 100..) with gain and pan, each playing files[i] (if given)
/// from sample 0 for `clipLength` samples, into a master (id 1).
ipc::GraphSnapshotT tracksGraph(int tracks, const std::vector<std::string>& files = {},
                                int64_t clipLength = 0, uint32_t sampleRate = 48000);

/// Writes a stereo 24-bit WAV of a sine at `hz`; returns false if it could not.
bool writeSineWav(const std::string& path, double hz, double seconds, uint32_t sampleRate);

} // namespace loophole::signal::testing
