#include "Graphs.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <cmath>

namespace loophole::signal::testing {

ipc::GraphSnapshotT tracksGraph(int tracks, const std::vector<std::string>& files, int64_t clipLength,
                                uint32_t sampleRate)
{
    ipc::GraphSnapshotT graph;
    graph.revision = 1;
    graph.sample_rate = sampleRate;

    auto master = std::make_unique<ipc::ChannelT>();
    master->id = kMasterId;
    master->kind = ipc::ChannelKind::Master;
    master->name = "Master";
    graph.channels.push_back(std::move(master));

    for (int i = 0; i < tracks; ++i) {
        auto track = std::make_unique<ipc::ChannelT>();
        track->id = kFirstTrackId + uint32_t(i);
        track->kind = ipc::ChannelKind::Audio;
        track->name = "Track " + std::to_string(i + 1);
        track->output = kMasterId;
        track->gain = 0.5f;
        track->pan = tracks > 1 ? -1.0f + 2.0f * float(i) / float(tracks - 1) : 0.0f;
        if (size_t(i) < files.size()) {
            auto clip = std::make_unique<ipc::AudioClipT>();
            clip->id = 10000 + uint32_t(i);
            clip->file = files[size_t(i)];
            clip->start = 0;
            clip->length = clipLength;
            track->audio_clips.push_back(std::move(clip));
        }
        graph.channels.push_back(std::move(track));
    }
    return graph;
}

bool writeSineWav(const std::string& path, double hz, double seconds, uint32_t sampleRate)
{
    const juce::File file(path);
    file.deleteFile();
    std::unique_ptr<juce::OutputStream> stream = std::make_unique<juce::FileOutputStream>(file);
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer(
        wav.createWriterFor(stream.get(), sampleRate, 2, 24, {}, 0));
    if (writer == nullptr)
        return false;
    stream.release(); // the writer owns it now

    const int frames = int(seconds * sampleRate);
    juce::AudioBuffer<float> buffer(2, frames);
    for (int n = 0; n < frames; ++n) {
        const float value = 0.5f * float(std::sin(2.0 * M_PI * hz * n / sampleRate));
        buffer.setSample(0, n, value);
        buffer.setSample(1, n, value);
    }
    return writer->writeFromAudioSampleBuffer(buffer, 0, frames);
}

} // namespace loophole::signal::testing
