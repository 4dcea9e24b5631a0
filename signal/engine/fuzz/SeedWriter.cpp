// Writes the seed corpora of the engine's fuzz targets into <corpus>/graph_commands and
// <corpus>/audio_file. Seeds are built from the contract's object API, so they stay valid
// frames; the graphs name the fixture files (FixtureAudio.h) so clips compile and play.
#include "FixtureAudio.h"

#include "loophole/contract/Framing.h"

#include <juce_core/juce_core.h>

#include <cstdio>
#include <fstream>
#include <vector>

using namespace loophole;
using Bytes = std::vector<uint8_t>;

namespace {

template <typename Body>
Bytes frame(Body body)
{
    static uint64_t seq = 0;
    ipc::FrameT f;
    f.seq = ++seq;
    f.body.Set(std::move(body));
    return contract::encodeFrame(f);
}

std::unique_ptr<ipc::ChannelT> channel(uint32_t id, ipc::ChannelKind kind, uint32_t output)
{
    auto ch = std::make_unique<ipc::ChannelT>();
    ch->id = id;
    ch->kind = kind;
    ch->output = output;
    return ch;
}

std::unique_ptr<ipc::AudioClipT> clip(uint32_t id, const std::string& file, int64_t start, int64_t length)
{
    auto c = std::make_unique<ipc::AudioClipT>();
    c->id = id;
    c->file = file;
    c->start = start;
    c->length = length;
    return c;
}

ipc::TransportCommandT play(int64_t from)
{
    ipc::TransportCommandT t;
    t.action = ipc::TransportAction::Play;
    t.position = from;
    return t;
}

/// Every fixture as a clip, with fades and a source loop, played across a loop wrap.
std::vector<Bytes> clipsSession()
{
    const auto& files = signal::fuzz::fixtureAudioFiles();
    ipc::LoadGraphT load;
    load.snapshot = std::make_unique<ipc::GraphSnapshotT>();
    load.snapshot->sample_rate = 48000;
    load.snapshot->channels.push_back(channel(1, ipc::ChannelKind::Master, 0));
    auto audio = channel(2, ipc::ChannelKind::Audio, 1);
    int64_t at = 0;
    uint32_t id = 20;
    for (const auto& file : files)
    {
        auto c = clip(id++, file, at, 96);
        c->fade_in = 16;
        c->fade_out = 16;
        c->fade_out_shape = ipc::FadeShape::EqualPower;
        c->loop_length = 40;
        c->source_offset = 8;
        audio->audio_clips.push_back(std::move(c));
        at += 64;
    }
    load.snapshot->channels.push_back(std::move(audio));

    ipc::SetLoopT loop;
    loop.enabled = true;
    loop.start = 32;
    loop.end = 200;

    ipc::GraphDiffT diff;
    auto replaced = channel(3, ipc::ChannelKind::Audio, 1);
    replaced->audio_clips.push_back(clip(30, files.front(), 10, 300));
    diff.upsert_channels.push_back(std::move(replaced));
    diff.remove_channels.push_back(2);
    ipc::ApplyGraphDiffT apply;
    apply.diff = std::make_unique<ipc::GraphDiffT>(std::move(diff));

    return { frame(std::move(load)), frame(std::move(loop)), frame(play(0)), frame(play(-1)),
             frame(play(-1)), frame(std::move(apply)), frame(play(-1)) };
}

/// An instrument with MIDI, a bus with a send and a sidechain, automation and tempo changes.
std::vector<Bytes> instrumentSession()
{
    ipc::LoadGraphT load;
    load.snapshot = std::make_unique<ipc::GraphSnapshotT>();
    auto& g = *load.snapshot;
    g.sample_rate = 48000;
    g.tempo_map.emplace_back(0, 120.0, 4, 4);
    g.tempo_map.emplace_back(96, 90.0, 3, 4);
    g.channels.push_back(channel(1, ipc::ChannelKind::Master, 0));
    auto bus = channel(2, ipc::ChannelKind::Bus, 1);
    auto synth = channel(3, ipc::ChannelKind::Instrument, 1);
    auto p = std::make_unique<ipc::ProcessorT>();
    p->id = 30;
    p->format = ipc::PluginFormat::BuiltIn;
    p->builtin = ipc::BuiltInKind::SineSynth;
    synth->processors.push_back(std::move(p));
    auto sampler = std::make_unique<ipc::ProcessorT>();
    sampler->id = 20;
    sampler->format = ipc::PluginFormat::BuiltIn;
    sampler->builtin = ipc::BuiltInKind::Sampler;
    sampler->sidechain_from = 3;
    bus->processors.push_back(std::move(sampler));
    auto send = std::make_unique<ipc::SendT>();
    send->id = 31;
    send->target = 2;
    send->gain = 0.5f;
    synth->sends.push_back(std::move(send));
    auto midi = std::make_unique<ipc::MidiClipT>();
    midi->id = 32;
    midi->length = 128;
    midi->loop_length = 64;
    midi->events = { { 0, 0x90, 60, 100 }, { 10, 0x90, 64, 90 }, { 40, 0x80, 60, 0 }, { 63, 0x80, 64, 0 } };
    synth->midi_clips.push_back(std::move(midi));
    auto curve = std::make_unique<ipc::AutomationCurveT>();
    curve->target = std::make_unique<ipc::ParameterAddress>(3, 0);
    curve->points = { { 0, 0.5f, ipc::CurveShape::Linear, 0.0f }, { 50, 1.0f, ipc::CurveShape::Tension, -0.5f },
                      { 90, 0.2f, ipc::CurveShape::SCurve, 0.0f }, { 120, 0.7f, ipc::CurveShape::Exponential, 0.0f } };
    synth->automation.push_back(std::move(curve));
    g.channels.push_back(std::move(bus));
    g.channels.push_back(std::move(synth));

    ipc::SetParametersT params;
    for (auto [node, param, value] : { std::tuple{ 3u, 1u, -0.5f }, { 31u, 0u, 2.0f }, { 30u, 0u, 0.25f } })
    {
        auto change = std::make_unique<ipc::SetParameterT>();
        change->address = std::make_unique<ipc::ParameterAddress>(node, param);
        change->value = value;
        change->at_sample = 100;
        params.changes.push_back(std::move(change));
    }
    ipc::SetAutomationT automation;
    auto cleared = std::make_unique<ipc::AutomationCurveT>();
    cleared->target = std::make_unique<ipc::ParameterAddress>(3, 0);
    automation.curves.push_back(std::move(cleared));

    return { frame(std::move(load)), frame(play(0)), frame(std::move(params)), frame(play(-1)),
             frame(std::move(automation)), frame(play(-1)) };
}

/// A graph the validator must refuse (a send loop), then a valid one.
std::vector<Bytes> refusedThenAccepted()
{
    auto make = [](bool loop) {
        ipc::LoadGraphT load;
        load.snapshot = std::make_unique<ipc::GraphSnapshotT>();
        load.snapshot->channels.push_back(channel(1, ipc::ChannelKind::Master, 0));
        auto a = channel(2, ipc::ChannelKind::Bus, 1);
        auto b = channel(3, ipc::ChannelKind::Bus, loop ? 2 : 1);
        auto send = std::make_unique<ipc::SendT>();
        send->id = 21;
        send->target = 3;
        a->sends.push_back(std::move(send));
        load.snapshot->channels.push_back(std::move(a));
        load.snapshot->channels.push_back(std::move(b));
        return frame(std::move(load));
    };
    return { make(true), make(false), frame(play(0)) };
}

void writeFile(const juce::File& file, const std::vector<Bytes>& frames)
{
    std::ofstream out(file.getFullPathName().toStdString(), std::ios::binary);
    for (const auto& f : frames)
        out.write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::fprintf(stderr, "usage: %s CORPUS_DIR (e.g. signal/engine/fuzz/corpus)\n", argv[0]);
        return 2;
    }
    const juce::File root(juce::File::getCurrentWorkingDirectory().getChildFile(argv[1]));
    const auto graphs = root.getChildFile("graph_commands");
    const auto audio = root.getChildFile("audio_file");
    graphs.createDirectory();
    audio.createDirectory();

    writeFile(graphs.getChildFile("clips-loop-diff"), clipsSession());
    writeFile(graphs.getChildFile("instrument-bus-automation"), instrumentSession());
    writeFile(graphs.getChildFile("refused-then-accepted"), refusedThenAccepted());

    // Short files in each format and sample layout the readers distinguish.
    struct Seed { const char* name; int channels, bits; };
    for (const auto& seed : { Seed{ "float32.wav", 2, 32 }, Seed{ "int16-mono.wav", 1, 16 }, Seed{ "int24.wav", 2, 24 },
                              Seed{ "int24.aiff", 2, 24 }, Seed{ "int16.flac", 2, 16 }, Seed{ "stereo.ogg", 2, 16 } })
        if (!signal::fuzz::writeAudioFile(audio.getChildFile(seed.name).getFullPathName().toStdString(),
                                          seed.channels, seed.bits, 256))
        {
            std::fprintf(stderr, "could not write %s\n", seed.name);
            return 1;
        }
    return 0;
}
