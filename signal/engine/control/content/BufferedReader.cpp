#include "control/content/BufferedReader.h"

namespace loophole::signal {

std::unique_ptr<juce::AudioFormatReader> openBufferedReader(juce::AudioFormatManager& formats, const juce::File& file)
{
    // 16 KB: a header in one read, and a read of a couple of thousand frames (WavFrameReader's
    // proof) in one refill.
    constexpr int bufferBytes = 1 << 14;
    for (int i = 0; i < formats.getNumKnownFormats(); ++i)
    {
        auto* format = formats.getKnownFormat(i);
        if (!format->canHandleFile(file))
            continue;
        auto stream = std::make_unique<juce::FileInputStream>(file);
        if (!stream->openedOk())
            continue;
        // On success the reader owns the stream; on failure JUCE deletes it (the `true`).
        auto* buffered = new juce::BufferedInputStream(stream.release(), bufferBytes, true);
        if (auto* reader = format->createReaderFor(buffered, true))
            return std::unique_ptr<juce::AudioFormatReader>(reader);
    }
    return nullptr;
}

} // namespace loophole::signal
