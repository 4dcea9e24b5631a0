#include "RiffHeaderCheck.h"

namespace loophole::signal {

namespace {

constexpr juce::uint16 extensibleFormatTag = 0xFFFE;
// Speaker positions WAVEFORMATEXTENSIBLE names (front left .. top back right); JUCE maps
// only these, so any other bit is refused rather than handed to its layout code.
constexpr juce::uint32 namedSpeakerBits = (1u << 18) - 1;

std::string idText(juce::uint32 id)
{
    std::string text(4, ' ');
    for (int i = 0; i < 4; ++i)
    {
        const auto c = static_cast<char>((id >> (8 * i)) & 0xFF);
        text[size_t(i)] = juce::CharacterFunctions::isPrintable(c) ? c : '?';
    }
    return text;
}

std::optional<std::string> fmtProblem(juce::InputStream& stream, juce::uint32 size)
{
    if (size < 16)
        return "its fmt chunk is " + std::to_string(size) + " bytes";
    const auto tag = static_cast<juce::uint16>(stream.readShort());
    stream.skipNextBytes(14);
    if (tag != extensibleFormatTag || size < 24)
        return std::nullopt;
    stream.skipNextBytes(2 + 2); // cbSize and valid bits; the channel mask follows
    const auto mask = static_cast<juce::uint32>(stream.readInt());
    if ((mask & ~namedSpeakerBits) != 0)
        return "its channel mask names speakers that do not exist";
    return std::nullopt;
}

} // namespace

std::optional<std::string> riffHeaderProblem(juce::InputStream& stream)
{
    const auto fileSize = stream.getTotalLength();
    stream.setPosition(0);
    const auto riff = static_cast<juce::uint32>(stream.readInt());
    stream.readInt(); // the RIFF size: often wrong in real files, and JUCE does not rely on it
    const auto wave = static_cast<juce::uint32>(stream.readInt());
    std::optional<std::string> problem;
    if (fileSize >= 12 && riff == juce::ByteOrder::littleEndianInt("RIFF") && wave == juce::ByteOrder::littleEndianInt("WAVE"))
    {
        // Every chunk but the audio must lie inside the file; `data` may run past the end
        // (a recording cut short), which the streamer already handles.
        for (juce::int64 at = 12; at + 8 <= fileSize && ! problem; )
        {
            stream.setPosition(at);
            const auto id = static_cast<juce::uint32>(stream.readInt());
            const auto size = static_cast<juce::uint32>(stream.readInt());
            const auto end = at + 8 + juce::int64(size) + (size & 1);
            if (id == juce::ByteOrder::littleEndianInt("data"))
                break;
            if (end > fileSize + 1) // +1: a missing pad byte at the very end is common
                problem = "its " + idText(id) + " chunk claims " + std::to_string(size) + " bytes past the end of the file";
            else if (id == juce::ByteOrder::littleEndianInt("fmt "))
                problem = fmtProblem(stream, size);
            at = end;
        }
    }
    stream.setPosition(0);
    return problem;
}

std::optional<std::string> riffHeaderProblem(const juce::File& file)
{
    juce::FileInputStream stream(file);
    if (! stream.openedOk())
        return std::nullopt;
    // Buffered: the check reads a field at a time, each a system call on the bare stream.
    juce::BufferedInputStream buffered(stream, 4096);
    return riffHeaderProblem(buffered);
}

} // namespace loophole::signal
