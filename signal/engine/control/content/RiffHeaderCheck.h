// Vets a RIFF/WAVE file's chunk list before JUCE opens it. JUCE 7.0.5's WAV reader trusts chunk
// sizes and header fields: a 755-byte file with a bogus `bext` size made it run > 10 s and use
// > 2 GB, and a WAVE_FORMAT_EXTENSIBLE channel mask with unnamed bits is undefined behaviour in
// its channel-layout code (both found by fuzz_audio_file). Other formats pass through unchecked.
#pragma once

#include <juce_core/juce_core.h>

#include <optional>
#include <string>

namespace loophole::signal {

/// Why this stream is not a WAV file JUCE may safely open, or nothing. Leaves the stream at 0.
std::optional<std::string> riffHeaderProblem(juce::InputStream& stream);

/// The same for a file on disk (a file that cannot be opened is left to the reader to report).
std::optional<std::string> riffHeaderProblem(const juce::File& file);

} // namespace loophole::signal
