// Engine benchmarks.
//   Render64Tracks      offline render of 64 streamed audio tracks (gain, pan, meters, bus sum)
//   ReadAndSumBaseline  the same files read with JUCE and summed by hand: the floor to compare with
// Both take (bits per sample, files): files 0 = all 64 clips play one 10 s file at different
// offsets (its 2.9 MB stay in the CPU caches), 1 = every clip has its own 10 s file (184 MB
// for 24-bit, read from the page cache: warm, since the files were just written or reused),
// 2 = every clip loops its own 1 s file, as the JACK soak plays them (18 MB for 24-bit).
// Layouts 0 and 2 read the same frames over and over, so the render decodes them once into
// memory (DecodedSources); layout 1 streams every frame from the page cache.
//   EngineNodes/N       process() of N empty channels into the master, per block
//   CopyBaseline/N      copying N stereo blocks, the cheapest thing a node could cost
// After the run it prints the real-time factor and the ratios. Rates use CPU time of the
// benchmark thread (the render is single-threaded), so other load on the machine skews less.
#include "control/Engine.h"

#include <benchmark/benchmark.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <cstdio>
#include <map>

using namespace loophole;
using namespace loophole::signal;

namespace {

constexpr double rate = 48000.0;
constexpr int tracks = 64;
constexpr int64_t renderFrames = 48000 * 10;
constexpr int blockSize = 512;

juce::File benchDir()
{
    auto dir = juce::File::getSpecialLocation(juce::File::tempDirectory).getChildFile("loophole-bench");
    dir.createDirectory();
    return dir;
}

/// A stereo WAV of noise-like content (so nothing compresses or short-cuts), 10 s unless
/// `frames` says; `index` picks one of several different files.
std::string sourceFile(int bits, int index = 0, int64_t frames = renderFrames)
{
    const auto name = "source" + juce::String(bits) + (index > 0 ? "-" + juce::String(index) : juce::String())
                      + (frames != renderFrames ? "-" + juce::String(frames) : juce::String()) + ".wav";
    const auto file = benchDir().getChildFile(name);
    if (file.existsAsFile())
        return file.getFullPathName().toStdString();
    juce::AudioBuffer<float> audio(2, static_cast<int>(frames));
    juce::Random random(1 + index);
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < audio.getNumSamples(); ++i)
            audio.setSample(c, i, random.nextFloat() * 0.2f - 0.1f);
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer(
        wav.createWriterFor(new juce::FileOutputStream(file), rate, 2, static_cast<unsigned>(bits), {}, 0));
    writer->writeFromAudioSampleBuffer(audio, 0, audio.getNumSamples());
    return file.getFullPathName().toStdString();
}

struct NoInserts final : InsertFactory
{
    std::unique_ptr<InsertProcessor> create(const ipc::Processor&, double, int, std::string& error) override
    {
        error = "no inserts in this benchmark";
        return nullptr;
    }
};

enum FileLayout { sharedFile = 0, filePerTrack = 1, shortLoopPerTrack = 2 };
constexpr int64_t shortLoopFrames = 48000;

/// The file clip `track` plays in `layout`.
std::string trackFile(int bits, int layout, int track)
{
    if (layout == shortLoopPerTrack)
        return sourceFile(bits, track, shortLoopFrames);
    return sourceFile(bits, layout == filePerTrack ? track : 0);
}

/// Where in its file the clip of `track` starts, and how long its loop is.
int64_t sourceOffsetOf(int layout, int track) { return layout == shortLoopPerTrack ? 0 : track * 1000; }
int64_t loopLengthOf(int layout) { return layout == shortLoopPerTrack ? shortLoopFrames : renderFrames - 64000; }

std::vector<uint8_t> packedGraph(int channels, int sourceBits, int layout = sharedFile)
{
    ipc::GraphSnapshotT graph;
    auto master = std::make_unique<ipc::ChannelT>();
    master->id = 1;
    master->kind = ipc::ChannelKind::Master;
    graph.channels.push_back(std::move(master));
    const bool withClips = sourceBits > 0;
    for (int i = 0; i < channels; ++i)
    {
        auto ch = std::make_unique<ipc::ChannelT>();
        ch->id = static_cast<uint32_t>(100 + i);
        ch->kind = ipc::ChannelKind::Audio;
        ch->output = 1;
        ch->gain = 0.5f + static_cast<float>(i % 4) * 0.1f;
        ch->pan = static_cast<float>(i % 9) / 4.0f - 1.0f;
        if (withClips)
        {
            auto clip = std::make_unique<ipc::AudioClipT>();
            clip->id = static_cast<uint32_t>(1000 + i);
            clip->file = trackFile(sourceBits, layout, i);
            clip->start = 0;
            clip->length = renderFrames;
            clip->source_offset = sourceOffsetOf(layout, i);
            clip->loop_length = loopLengthOf(layout); // stays inside the file
            ch->audio_clips.push_back(std::move(clip));
        }
        graph.channels.push_back(std::move(ch));
    }
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::GraphSnapshot::Pack(fbb, &graph));
    return { fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize() };
}

void Render64Tracks(benchmark::State& state)
{
    const auto graph = packedGraph(tracks, static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    NoInserts inserts;
    RenderOptions options;
    options.outputPath = benchDir().getChildFile("render.wav").getFullPathName().toStdString();
    options.end = renderFrames;
    options.blockSize = blockSize;
    options.format = ipc::SampleFormat::Int24;
    for (auto _ : state)
    {
        auto result = renderOffline(*flatbuffers::GetRoot<ipc::GraphSnapshot>(graph.data()), inserts, options);
        if (result.error)
            state.SkipWithError(result.error->message.c_str());
    }
    state.counters["x_realtime"] =
        benchmark::Counter(static_cast<double>(renderFrames) / rate * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

void ReadAndSumBaseline(benchmark::State& state)
{
    const int bits = static_cast<int>(state.range(0));
    const int layout = static_cast<int>(state.range(1));
    juce::AudioFormatManager formats;
    formats.registerBasicFormats();
    for (auto _ : state)
    {
        std::vector<std::unique_ptr<juce::AudioFormatReader>> readers;
        for (int i = 0; i < tracks; ++i)
            readers.emplace_back(formats.createReaderFor(juce::File(trackFile(bits, layout, i))));
        juce::AudioBuffer<float> block(2, blockSize), mix(2, blockSize);
        auto out = benchDir().getChildFile("baseline.wav");
        out.deleteFile();
        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatWriter> writer(
            wav.createWriterFor(new juce::FileOutputStream(out), rate, 2, 24, {}, 0));
        for (int64_t done = 0; done < renderFrames; done += blockSize)
        {
            mix.clear();
            for (int i = 0; i < tracks; ++i)
            {
                readers[static_cast<size_t>(i)]->read(&block, 0, blockSize, sourceOffsetOf(layout, i) + done % loopLengthOf(layout), true, true);
                mix.addFrom(0, 0, block, 0, 0, blockSize, 0.5f);
                mix.addFrom(1, 0, block, 1, 0, blockSize, 0.5f);
            }
            writer->writeFromAudioSampleBuffer(mix, 0, blockSize);
        }
    }
    state.counters["x_realtime"] =
        benchmark::Counter(static_cast<double>(renderFrames) / rate * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

void EngineNodes(benchmark::State& state)
{
    const int nodes = static_cast<int>(state.range(0));
    const auto graph = packedGraph(nodes, 0);
    NoInserts inserts;
    Engine engine(inserts);
    engine.setOfflineMode(true);
    engine.prepare(rate, 256, 2);
    engine.loadGraph(*flatbuffers::GetRoot<ipc::GraphSnapshot>(graph.data()));
    juce::AudioBuffer<float> out(2, 256);
    const juce::MidiBuffer midi;
    for (auto _ : state)
    {
        engine.process(out.getArrayOfWritePointers(), 2, nullptr, 0, 256, midi);
        benchmark::DoNotOptimize(out.getReadPointer(0)[0]);
    }
    state.counters["ns_per_node"] = benchmark::Counter(
        static_cast<double>(state.iterations()) * nodes, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void CopyBaseline(benchmark::State& state)
{
    const int nodes = static_cast<int>(state.range(0));
    std::vector<juce::AudioBuffer<float>> from(static_cast<size_t>(nodes), juce::AudioBuffer<float>(2, 256));
    std::vector<juce::AudioBuffer<float>> to(static_cast<size_t>(nodes), juce::AudioBuffer<float>(2, 256));
    for (auto& b : from)
        b.clear();
    for (auto _ : state)
    {
        for (int i = 0; i < nodes; ++i)
            for (int c = 0; c < 2; ++c)
                juce::FloatVectorOperations::copy(to[static_cast<size_t>(i)].getWritePointer(c),
                                                  from[static_cast<size_t>(i)].getReadPointer(c), 256);
        benchmark::DoNotOptimize(to[0].getReadPointer(0)[0]);
        benchmark::ClobberMemory();
    }
    state.counters["ns_per_node"] = benchmark::Counter(
        static_cast<double>(state.iterations()) * nodes, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Arguments: the source files' bits per sample (decoding 24-bit costs more than 16-bit), and
// whether every track has its own file.
BENCHMARK(Render64Tracks)->Args({ 24, 0 })->Args({ 16, 0 })->Args({ 24, 1 })->Args({ 24, 2 })->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(ReadAndSumBaseline)->Args({ 24, 0 })->Args({ 16, 0 })->Args({ 24, 1 })->Args({ 24, 2 })->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(EngineNodes)->Arg(16)->Arg(64)->Arg(256);
BENCHMARK(CopyBaseline)->Arg(16)->Arg(64)->Arg(256);

/// Prints the runs as usual and keeps their counters for the ratios.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    std::map<std::string, double> counter;
    void ReportRuns(const std::vector<Run>& runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs)
            for (const auto& [name, value] : run.counters)
                counter[run.benchmark_name() + "." + name] = value.value;
    }
};

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    auto& c = reporter.counter;
    std::printf("\n");
    auto find = [&](const std::string& prefix, const std::string& counter) {
        for (const auto& [key, value] : c)
            if (key.rfind(prefix, 0) == 0 && key.size() > counter.size()
                && key.compare(key.size() - counter.size(), counter.size(), counter) == 0)
                return value;
        return 0.0;
    };
    const char* layouts[] = { "one shared file", "a 10 s file per track", "a 1 s file looping per track, as in the JACK soak" };
    for (const auto& [bits, layout] : { std::pair{ 24, 0 }, std::pair{ 16, 0 }, std::pair{ 24, 1 }, std::pair{ 24, 2 } })
    {
        const auto args = std::to_string(bits) + "/" + std::to_string(layout) + "/";
        const double engine = find("Render64Tracks/" + args, ".x_realtime");
        const double floor = find("ReadAndSumBaseline/" + args, ".x_realtime");
        if (engine > 0)
            std::printf("64 streamed tracks (%d-bit WAV, %s), offline render on one core: %.1fx real time (goal >= 100x)\n",
                        bits, layouts[layout], engine);
        if (engine > 0 && floor > 0)
            std::printf("  hand-written read-and-sum of the same files, same run: %.1fx; engine/baseline = %.2f\n",
                        floor, engine / floor);
    }
    for (int n : { 16, 64, 256 })
    {
        const auto e = c["EngineNodes/" + std::to_string(n) + ".ns_per_node"];
        const auto b = c["CopyBaseline/" + std::to_string(n) + ".ns_per_node"];
        if (e > 0 && b > 0)
            std::printf("%3d nodes, 256-frame blocks: %.1f ns per node per block; plain copy %.1f ns; ratio %.2fx\n", n,
                        e * 1e9, b * 1e9, e / b);
    }
    benchmark::Shutdown();
    return 0;
}
