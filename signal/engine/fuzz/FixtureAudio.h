// Small audio files in every format the engine reads, written once per machine to a fixed
// folder. Fuzzed graphs may only name these files: a fuzzer that could name any path would
// read whatever the machine holds (and block forever on a FIFO or a terminal).
#pragma once

#include <string>
#include <vector>

namespace loophole::signal::fuzz {

inline constexpr const char* kFixtureAudioDir = "/tmp/loophole-fuzz-audio/";

/// Writes the fixtures if they are missing; returns their absolute paths.
const std::vector<std::string>& fixtureAudioFiles();

/// Writes a 48 kHz sine file; the format follows the extension (.wav .aiff .flac .ogg).
bool writeAudioFile(const std::string& path, int channels, int bits, int frames);

/// Whether `path` names one of the fixtures (exactly; no "..", no other folder).
bool isFixtureAudio(const std::string& path);

} // namespace loophole::signal::fuzz
