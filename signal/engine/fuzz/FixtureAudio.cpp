#include "FixtureAudio.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cmath>

namespace loophole::signal::fuzz {

namespace {

struct Fixture
{
    const char* name;
    int channels;
    int bits;
};

// 48 kHz like the fuzzed engine, so clips compile; one per reader, plus a mono file.
constexpr Fixture fixtures[] = {
    { "tone.wav", 2, 32 }, { "mono.wav", 1, 16 }, { "tone.aiff", 2, 24 },
    { "tone.flac", 2, 16 }, { "tone.ogg", 2, 16 },
};
constexpr int fixtureFrames = 4800;

std::unique_ptr<juce::AudioFormat> formatFor(const juce::File& file)
{
    const auto ext = file.getFileExtension();
    if (ext == ".wav") return std::make_unique<juce::WavAudioFormat>();
    if (ext == ".aiff") return std::make_unique<juce::AiffAudioFormat>();
    if (ext == ".flac") return std::make_unique<juce::FlacAudioFormat>();
    return std::make_unique<juce::OggVorbisAudioFormat>();
}

} // namespace

bool writeAudioFile(const std::string& path, int channels, int bits, int frames)
{
    const juce::File target(path);
    juce::AudioBuffer<float> audio(channels, frames);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            audio.setSample(c, i, 0.5f * std::sin(0.05f * static_cast<float>(i * (c + 1))));

    // Written beside the target and renamed, so parallel fuzz jobs never see half a file.
    const auto temporary = target.getSiblingFile(target.getFileName() + ".tmp" + juce::String(juce::Random().nextInt()));
    {
        auto format = formatFor(target);
        auto stream = temporary.createOutputStream();
        if (stream == nullptr)
            return false;
        std::unique_ptr<juce::AudioFormatWriter> writer(format->createWriterFor(
            stream.get(), 48000.0, static_cast<unsigned>(channels), bits, {}, 0));
        if (writer == nullptr)
            return false;
        stream.release(); // the writer owns it now
        writer->writeFromAudioSampleBuffer(audio, 0, frames);
    }
    return temporary.moveFileTo(target);
}

const std::vector<std::string>& fixtureAudioFiles()
{
    static const std::vector<std::string> paths = [] {
        std::vector<std::string> out;
        const juce::File dir(kFixtureAudioDir);
        dir.createDirectory();
        for (const auto& fixture : fixtures)
        {
            const auto file = dir.getChildFile(fixture.name);
            if (!file.existsAsFile())
                writeAudioFile(file.getFullPathName().toStdString(), fixture.channels, fixture.bits, fixtureFrames);
            out.push_back(file.getFullPathName().toStdString());
        }
        return out;
    }();
    return paths;
}

bool isFixtureAudio(const std::string& path)
{
    const auto& all = fixtureAudioFiles();
    return std::find(all.begin(), all.end(), path) != all.end();
}

} // namespace loophole::signal::fuzz
