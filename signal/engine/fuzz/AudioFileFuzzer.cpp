// libFuzzer target: any bytes, offered to JUCE's WAV/AIFF/FLAC/OGG readers the way the
// engine offers a clip's file (AudioFormatManager::createReaderFor), and whatever opens is
// streamed through the engine's ClipStream (plain, looped and from a cue point) exactly as
// the streaming thread and the audio thread do. Any outcome but a crash, hang, leak or
// undefined behaviour is fine: a bad file is refused or plays as silence.
#include "content/ClipStream.h"
#include "control/content/ReaderLimits.h"
#include "control/content/RiffHeaderCheck.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace loophole::signal;

namespace {

constexpr int blockFrames = 256;
constexpr int64_t maxClipFrames = 1 << 16; // keeps each input's cost bounded

juce::AudioFormatManager& formats()
{
    static juce::AudioFormatManager manager;
    if (manager.getNumKnownFormats() == 0)
        manager.registerBasicFormats(); // what the engine registers (control/Engine.cpp)
    return manager;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // The last byte picks the clip's shape; the file is everything (headers fuzz best whole).
    const uint8_t shape = size > 0 ? data[size - 1] : 0;
    auto file = std::make_unique<juce::MemoryInputStream>(data, size, false);
    if (riffHeaderProblem(*file)) // what the plan compiler refuses before JUCE sees the file
        return 0;
    std::unique_ptr<juce::AudioFormatReader> reader(formats().createReaderFor(std::move(file)));
    if (reader == nullptr || unplayableReason(*reader)) // what the plan compiler refuses
        return 0;

    ClipStream::Source source;
    source.length = std::clamp<juce::int64>(reader->lengthInSamples, 0, maxClipFrames) + (shape & 0x0F) * 100;
    source.sourceOffset = (shape >> 4) & 0x03 ? reader->lengthInSamples / ((shape >> 4) & 0x03) : 0;
    source.loopLength = (shape & 0x40) ? std::max<int64_t>(1, (reader->lengthInSamples - source.sourceOffset) / 3) : 0;
    source.reader = std::move(reader);
    const int64_t length = source.length;
    // Each block filled as the streaming thread would fill it, then played.
    ClipStream stream(std::move(source));

    juce::AudioBuffer<float> out(2, blockFrames);
    if (shape & 0x80)
        stream.cue(length / 2);
    for (int64_t position = 0; position < length; position += blockFrames)
    {
        const int n = static_cast<int>(std::min<int64_t>(blockFrames, length - position));
        while (stream.fill(n, position + n) > 0) {}
        stream.read(position, out.getArrayOfWritePointers(), n);
    }
    return 0;
}
