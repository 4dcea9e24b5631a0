#include "TestGraphs.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <deque>

namespace loophole::signal::test {

TransportInfo lastInfoSeen;

Packed<ipc::GraphSnapshot> pack(const ipc::GraphSnapshotT& graph)
{
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::GraphSnapshot::Pack(fbb, &graph));
    return { std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()) };
}

Packed<ipc::GraphDiff> pack(const ipc::GraphDiffT& diff)
{
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::GraphDiff::Pack(fbb, &diff));
    return { std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()) };
}

ipc::ChannelT& GraphBuilder::channel(uint32_t id, ipc::ChannelKind kind, uint32_t output)
{
    auto ch = std::make_unique<ipc::ChannelT>();
    ch->id = id;
    ch->kind = kind;
    ch->output = output;
    ch->name = "channel " + std::to_string(id);
    graph.channels.push_back(std::move(ch));
    return *graph.channels.back();
}

ipc::ProcessorT& GraphBuilder::insert(ipc::ChannelT& ch, uint32_t id, std::string testKind)
{
    auto p = std::make_unique<ipc::ProcessorT>();
    p->id = id;
    p->format = ipc::PluginFormat::VST3;
    p->plugin_uid = std::move(testKind);
    ch.processors.push_back(std::move(p));
    return *ch.processors.back();
}

ipc::AudioClipT& GraphBuilder::clip(ipc::ChannelT& ch, uint32_t id, std::string file, int64_t start, int64_t length)
{
    auto c = std::make_unique<ipc::AudioClipT>();
    c->id = id;
    c->file = std::move(file);
    c->start = start;
    c->length = length;
    ch.audio_clips.push_back(std::move(c));
    return *ch.audio_clips.back();
}

CommandResult load(Engine& engine, const ipc::GraphSnapshotT& graph) { return engine.loadGraph(*pack(graph)); }

::testing::AssertionResult loadAndPlay(Engine& engine, const ipc::GraphSnapshotT& graph)
{
    if (const auto error = load(engine, graph))
        return ::testing::AssertionFailure() << "load: " << error->message;
    if (const auto error = transport(engine, ipc::TransportAction::Play, 0))
        return ::testing::AssertionFailure() << "play: " << error->message;
    return ::testing::AssertionSuccess();
}

CommandResult setParameter(Engine& engine, uint32_t node, uint32_t param, float value, int64_t at)
{
    flatbuffers::FlatBufferBuilder fbb;
    ipc::ParameterAddress address(node, param);
    fbb.Finish(ipc::CreateSetParameter(fbb, &address, value, at));
    return engine.setParameter(*flatbuffers::GetRoot<ipc::SetParameter>(fbb.GetBufferPointer()));
}

CommandResult transport(Engine& engine, ipc::TransportAction action, int64_t position)
{
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::CreateTransportCommand(fbb, action, position));
    return engine.transport(*flatbuffers::GetRoot<ipc::TransportCommand>(fbb.GetBufferPointer()));
}

CommandResult setLoop(Engine& engine, bool enabled, int64_t start, int64_t end)
{
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::CreateSetLoop(fbb, enabled, start, end));
    return engine.setLoop(*flatbuffers::GetRoot<ipc::SetLoop>(fbb.GetBufferPointer()));
}

CommandResult setAutomation(Engine& engine, uint32_t node, uint32_t param, std::vector<ipc::AutomationPoint> points)
{
    ipc::SetAutomationT automation;
    auto curve = std::make_unique<ipc::AutomationCurveT>();
    curve->target = std::make_unique<ipc::ParameterAddress>(node, param);
    curve->points = std::move(points);
    automation.curves.push_back(std::move(curve));
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::SetAutomation::Pack(fbb, &automation));
    return engine.setAutomation(*flatbuffers::GetRoot<ipc::SetAutomation>(fbb.GetBufferPointer()));
}

Output run(Engine& engine, int frames, int block)
{
    Output out;
    out.left.resize(static_cast<size_t>(frames));
    out.right.resize(static_cast<size_t>(frames));
    const juce::MidiBuffer midi;
    for (int done = 0; done < frames; done += block)
    {
        const int n = std::min(block, frames - done);
        float* outputs[2] = { out.left.data() + done, out.right.data() + done };
        engine.process(outputs, 2, nullptr, 0, n, midi);
    }
    return out;
}

std::string writeTestWav(const std::string& name, int frames, double sampleRate)
{
    const auto file = juce::File::getSpecialLocation(juce::File::tempDirectory).getChildFile("loophole-engine-tests")
                          .getChildFile(name);
    file.getParentDirectory().createDirectory();
    if (file.existsAsFile() && file.getSize() > 44 + static_cast<juce::int64>(frames) * 8 - 1)
        return file.getFullPathName().toStdString();
    file.deleteFile();
    juce::AudioBuffer<float> buffer(2, frames);
    for (int i = 0; i < frames; ++i)
        buffer.setSample(0, i, sourceValue(i)), buffer.setSample(1, i, sourceValue(i));
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer(
        wav.createWriterFor(new juce::FileOutputStream(file), sampleRate, 2, 32, {}, 0));
    writer->writeFromAudioSampleBuffer(buffer, 0, frames);
    return file.getFullPathName().toStdString();
}

namespace {

struct Dc final : InsertProcessor
{
    explicit Dc(float v) : value(v) {}
    float value;
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override
    {
        for (int ch = 0; ch < c.audio.getNumChannels(); ++ch)
            juce::FloatVectorOperations::add(c.audio.getWritePointer(ch), value, c.audio.getNumSamples());
    }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

struct Delay final : InsertProcessor
{
    explicit Delay(int l) : length(l), ring(2, std::max(1, l)) { ring.clear(); }
    int length;
    juce::AudioBuffer<float> ring;
    int position = 0;
    void prepare(double, int) override {}
    int latencySamples() const noexcept override { return length; }
    void process(InsertContext& c) noexcept override
    {
        if (length == 0)
            return;
        for (int i = 0; i < c.audio.getNumSamples(); ++i)
        {
            for (int ch = 0; ch < 2; ++ch)
            {
                const float in = c.audio.getSample(ch, i);
                c.audio.setSample(ch, i, ring.getSample(ch, position));
                ring.setSample(ch, position, in);
            }
            position = (position + 1) % length;
        }
    }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

struct Click final : InsertProcessor
{
    explicit Click(int64_t at) : at(at) {}
    int64_t at, processed = 0;
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override
    {
        const int n = c.audio.getNumSamples();
        if (at >= processed && at < processed + n)
            for (int ch = 0; ch < 2; ++ch)
                c.audio.getWritePointer(ch)[at - processed] += 1.0f;
        processed += n;
    }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

struct Sidechain final : InsertProcessor
{
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override
    {
        if (c.sidechain)
            for (int ch = 0; ch < 2; ++ch)
                c.audio.copyFrom(ch, 0, *c.sidechain, ch, 0, c.audio.getNumSamples());
    }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

struct Param final : InsertProcessor
{
    float value = 0.0f;
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override
    {
        auto event = c.parameters.begin();
        for (int i = 0; i < c.audio.getNumSamples(); ++i)
        {
            for (; event != c.parameters.end() && event->sampleOffset <= i; ++event)
                if (event->index == 0)
                    value = event->value;
            c.audio.setSample(0, i, value);
            c.audio.setSample(1, i, value);
        }
    }
    int numParameters() const override { return 1; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

struct Timeline final : InsertProcessor
{
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override
    {
        for (int i = 0; i < c.audio.getNumSamples(); ++i)
        {
            const float v = c.transport.playing ? static_cast<float>(c.transport.timelineSample + i) : 0.0f;
            c.audio.setSample(0, i, v);
            c.audio.setSample(1, i, v);
        }
    }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

struct Info final : InsertProcessor
{
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override { lastInfoSeen = c.transport; }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

/// Breaks the rules on purpose, to prove the real-time tests would notice.
struct Allocating final : InsertProcessor
{
    void prepare(double, int) override {}
    void process(InsertContext& c) noexcept override
    {
        std::vector<float> scratch(static_cast<size_t>(c.audio.getNumSamples()));
        c.audio.setSample(0, 0, scratch[0]);
    }
    int numParameters() const override { return 0; }
    std::vector<uint8_t> saveState() override { return {}; }
    bool restoreState(std::span<const uint8_t>) override { return true; }
};

} // namespace

std::unique_ptr<InsertProcessor> TestInsertFactory::create(const ipc::Processor& d, double rate, int block,
                                                           std::string& error)
{
    if (d.format() == ipc::PluginFormat::BuiltIn)
        return builtIns.create(d, rate, block, error);
    const std::string uid = d.plugin_uid() ? d.plugin_uid()->str() : "";
    const auto colon = uid.find(':');
    const std::string kind = uid.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : uid.substr(colon + 1);
    ++created;
    if (kind == "dc")
        return std::make_unique<Dc>(std::stof(arg));
    if (kind == "delay")
        return std::make_unique<Delay>(std::stoi(arg));
    if (kind == "click")
        return std::make_unique<Click>(std::stoll(arg));
    if (kind == "sidechain")
        return std::make_unique<Sidechain>();
    if (kind == "param")
        return std::make_unique<Param>();
    if (kind == "timeline")
        return std::make_unique<Timeline>();
    if (kind == "allocating")
        return std::make_unique<Allocating>();
    if (kind == "info")
        return std::make_unique<Info>();
    --created;
    error = "unknown test insert " + uid;
    return nullptr;
}

} // namespace loophole::signal::test
