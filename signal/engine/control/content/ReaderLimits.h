// What the engine accepts from an audio file's header before it streams a single frame.
// JUCE's readers trust the header: JUCE 7.0.5 reads a WAV's 16-bit channel count as signed,
// so 0xFD00 became -768 (kept as 4294966528) and AudioFormatReader::read then wrote through
// wild pointers (found by fuzz_audio_file; corpus/audio_file/regression-wav-64768-channels).
// Files outside these limits are refused with a clear error instead.
#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

#include <optional>
#include <string>

namespace loophole::signal {

inline constexpr unsigned maxClipFileChannels = 64;

/// Why the engine will not play from this reader, or nothing when it will.
inline std::optional<std::string> unplayableReason(const juce::AudioFormatReader& reader)
{
    if (reader.numChannels < 1 || reader.numChannels > maxClipFileChannels)
        return "it claims " + std::to_string(reader.numChannels) + " channels (1.."
               + std::to_string(maxClipFileChannels) + " are played)";
    if (reader.bitsPerSample < 8 || reader.bitsPerSample > 64 || reader.bitsPerSample % 8 != 0)
        return "it claims " + std::to_string(reader.bitsPerSample) + "-bit samples";
    if (reader.lengthInSamples < 0)
        return "it claims a negative length";
    return std::nullopt;
}

} // namespace loophole::signal
