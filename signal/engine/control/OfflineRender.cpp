// renderOffline: a private engine in offline mode, driven block by block on this thread,
// written through JUCE's WAV writer. No metadata, and dither (when asked) from a fixed seed, so
// equal input gives equal bytes.
#include "control/Engine.h"
#include "control/TriangularDither.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <optional>

namespace loophole::signal {

namespace {
RenderResult failed(ipc::ErrorCode code, std::string message, std::string field)
{
    RenderResult r;
    r.error = CommandError{ code, std::move(message), std::move(field) };
    return r;
}

int bitsFor(ipc::SampleFormat format)
{
    switch (format)
    {
        case ipc::SampleFormat::Int16: return 16;
        case ipc::SampleFormat::Int24: return 24;
        case ipc::SampleFormat::Float32: return 32;
    }
    return 24;
}
} // namespace

RenderResult renderOffline(const ipc::GraphSnapshot& snapshot, InsertFactory& inserts, const RenderOptions& options)
{
    const auto started = juce::Time::getMillisecondCounterHiRes();
    if (options.end <= options.start || options.start < 0)
        return failed(ipc::ErrorCode::OutOfRange, "a render needs 0 <= start < end", "end");
    if (options.sampleRate < 8000.0 || options.sampleRate > 384000.0 || options.blockSize < 1 || options.blockSize > 8192)
        return failed(ipc::ErrorCode::OutOfRange, "sample rate or block size out of range", "sampleRate");
    const juce::String path(juce::CharPointer_UTF8(options.outputPath.c_str()));
    if (!juce::File::isAbsolutePath(path))
        return failed(ipc::ErrorCode::IoFailure, "the output path must be absolute", "output_path");

    Engine engine(inserts);
    engine.setOfflineMode(true, options.decodedAudioBudget);
    engine.prepare(options.sampleRate, options.blockSize, 2);
    if (auto error = engine.loadGraph(snapshot))
    {
        RenderResult r;
        r.error = error;
        return r;
    }

    // Write next to the target, then move into place: a cancelled or failed render never
    // leaves a half-written file under the user's name.
    const juce::File target(path);
    const juce::File temporary = target.getSiblingFile(target.getFileName() + ".partial");
    temporary.deleteFile();
    std::unique_ptr<juce::OutputStream> stream = std::make_unique<juce::FileOutputStream>(temporary);
    if (!static_cast<juce::FileOutputStream*>(stream.get())->openedOk())
        return failed(ipc::ErrorCode::IoFailure, "cannot write " + options.outputPath, "output_path");
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer(
        wav.createWriterFor(stream.get(), options.sampleRate, 2, bitsFor(options.format), {}, 0));
    if (!writer)
        return failed(ipc::ErrorCode::IoFailure, "cannot create a WAV writer for " + options.outputPath, "format");
    stream.release(); // the writer owns it now

    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::CreateTransportCommand(fbb, ipc::TransportAction::Play, options.start));
    engine.transport(*flatbuffers::GetRoot<ipc::TransportCommand>(fbb.GetBufferPointer()));

    juce::AudioBuffer<float> block(2, options.blockSize);
    std::optional<TriangularDither> dither;
    if (options.dither && options.format != ipc::SampleFormat::Float32)
        dither.emplace(2, bitsFor(options.format));
    const juce::MidiBuffer noMidi;
    const int64_t total = options.end - options.start;
    int64_t done = 0;
    while (done < total)
    {
        const int n = static_cast<int>(std::min<int64_t>(options.blockSize, total - done));
        engine.process(block.getArrayOfWritePointers(), 2, nullptr, 0, n, noMidi);
        if (dither)
            dither->apply(block.getArrayOfWritePointers(), 2, n);
        if (!writer->writeFromAudioSampleBuffer(block, 0, n))
        {
            writer.reset();
            temporary.deleteFile();
            return failed(ipc::ErrorCode::IoFailure, "writing " + options.outputPath + " failed (disk full?)",
                          "output_path");
        }
        done += n;
        if (options.progress && !options.progress(static_cast<double>(done) / static_cast<double>(total)))
        {
            writer.reset();
            temporary.deleteFile();
            RenderResult r;
            r.error = CommandError{ ipc::ErrorCode::Busy, "render cancelled", "" };
            r.frames = done;
            return r;
        }
    }
    writer.reset(); // finalises the header
    if (!temporary.moveFileTo(target))
        return failed(ipc::ErrorCode::IoFailure, "cannot move the render to " + options.outputPath, "output_path");

    RenderResult result;
    result.frames = total;
    result.seconds = (juce::Time::getMillisecondCounterHiRes() - started) / 1000.0;
    const auto stats = engine.contentStats();
    if (stats.readErrors > 0)
        result.error = CommandError{ ipc::ErrorCode::IoFailure,
                                     std::to_string(stats.readErrors) + " file reads failed; those parts are silent", "" };
    return result;
}

} // namespace loophole::signal
