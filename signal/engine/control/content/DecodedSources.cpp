#include "control/content/DecodedSources.h"

#include "rt/content/WavFrameReader.h"

#include <algorithm>
#include <new>

namespace loophole::signal {

namespace {

/// The file frames one clip can read: its loop, or as far as it lasts.
std::pair<int64_t, int64_t> regionOf(const ipc::AudioClipT& clip)
{
    const int64_t span = clip.loop_length > 0 ? std::min(clip.loop_length, clip.length) : clip.length;
    return { clip.source_offset, clip.source_offset + std::max<int64_t>(span, 0) };
}

constexpr int64_t bytesPerFrame = 2 * sizeof(float);

} // namespace

DecodedSources::DecodedSources(const ipc::GraphSnapshotT& graph, int64_t budgetBytes) : budgetLeft(budgetBytes)
{
    if (budgetBytes <= 0)
        return;
    for (const auto& channel : graph.channels)
        for (const auto& clip : channel->audio_clips)
        {
            auto& d = demand[clip->file];
            const auto [first, end] = regionOf(*clip);
            d.first = std::min(d.first, first);
            d.end = std::max(d.end, end);
            d.reads += std::max<int64_t>(clip->length, 0);
        }
}

std::shared_ptr<const DecodedAudio> DecodedSources::forClip(const ipc::AudioClipT& clip,
                                                            juce::AudioFormatReader& reader, const juce::File& file)
{
    if (auto it = decoded.find(clip.file); it != decoded.end())
        return it->second;
    auto& slot = decoded[clip.file];
    const auto d = demand.find(clip.file);
    if (d == demand.end())
        return slot;
    // Only what lies in the file is kept; a region read fewer than twice over is cheaper
    // streamed (decoding it first would add a pass over memory, not save one).
    const int64_t first = std::clamp<int64_t>(d->second.first, 0, reader.lengthInSamples);
    const int64_t end = std::clamp<int64_t>(d->second.end, first, reader.lengthInSamples);
    const int64_t bytes = (end - first) * bytesPerFrame;
    if (end == first || d->second.reads < 2 * (end - first) || bytes > budgetLeft)
        return slot;
    slot = decodeRegion(reader, file, first, end);
    if (slot)
        budgetLeft -= bytes;
    return slot;
}

std::shared_ptr<const DecodedAudio> decodeRegion(juce::AudioFormatReader& reader, const juce::File& file,
                                                 int64_t first, int64_t end)
{
    jassert(0 <= first && first <= end && end <= reader.lengthInSamples);
    auto audio = std::make_shared<DecodedAudio>();
    audio->first = first;
    audio->frames = end - first;
    audio->left.reset(new (std::nothrow) float[static_cast<size_t>(audio->frames)]);
    audio->right.reset(new (std::nothrow) float[static_cast<size_t>(audio->frames)]);
    if (audio->frames > 0 && (!audio->left || !audio->right))
        return nullptr;

    // The WAV fast path where it applies, as ClipStream decodes (it proves its floats equal
    // JUCE's when it opens); JUCE's reader otherwise.
    const auto wav = WavFrameReader::open(file, reader);
    constexpr int chunk = 1 << 16;
    for (int64_t done = 0; done < audio->frames; done += chunk)
    {
        const int run = static_cast<int>(std::min<int64_t>(chunk, audio->frames - done));
        float* both[2] = { audio->left.get() + done, audio->right.get() + done };
        juce::AudioBuffer<float> into(both, 2, run); // refers to the arrays, allocates nothing
        const bool read = wav ? wav->read(first + done, run, both[0], both[1])
                              : reader.read(&into, 0, run, first + done, true, true);
        if (!read)
            return nullptr; // the clips stream it instead, and count what fails there
    }
    return audio;
}

} // namespace loophole::signal
