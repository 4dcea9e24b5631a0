#include "control/graph/PlanCompiler.h"

#include "control/content/BufferedReader.h"
#include "control/content/DecodedSources.h"
#include "control/content/ReaderLimits.h"
#include "control/content/RiffHeaderCheck.h"

#include <algorithm>
#include <filesystem>

namespace loophole::signal {

namespace {

int kindRank(ipc::ChannelKind kind)
{
    switch (kind)
    {
        case ipc::ChannelKind::Audio:
        case ipc::ChannelKind::Instrument: return 0;
        case ipc::ChannelKind::Bus: return 1;
        case ipc::ChannelKind::Master: return 2;
    }
    return 1;
}

/// Channel indices in dependency order: a channel comes after everything feeding it
/// (outputs, sends, sidechains); among ready channels tracks before buses before master.
std::vector<size_t> dependencyOrder(const ipc::GraphSnapshotT& graph)
{
    const size_t n = graph.channels.size();
    std::map<uint32_t, size_t> index;
    for (size_t i = 0; i < n; ++i)
        index[graph.channels[i]->id] = i;
    std::vector<std::vector<size_t>> consumers(n);
    std::vector<int> waiting(n, 0);
    auto edge = [&](size_t from, uint32_t toId) {
        consumers[from].push_back(index.at(toId));
        ++waiting[index.at(toId)];
    };
    for (size_t i = 0; i < n; ++i)
    {
        const auto& ch = *graph.channels[i];
        if (ch.output != 0)
            edge(i, ch.output);
        for (const auto& s : ch.sends)
            edge(i, s->target);
        for (const auto& p : ch.processors)
            if (p->sidechain_from != 0)
                edge(index.at(p->sidechain_from), ch.id);
    }
    std::vector<size_t> order;
    std::vector<bool> done(n, false);
    while (order.size() < n)
    {
        size_t best = n;
        for (size_t i = 0; i < n; ++i)
            if (!done[i] && waiting[i] == 0
                && (best == n || kindRank(graph.channels[i]->kind) < kindRank(graph.channels[best]->kind)))
                best = i;
        if (best == n)
            break; // a loop; validation rejects these first
        done[best] = true;
        order.push_back(best);
        for (size_t c : consumers[best])
            --waiting[c];
    }
    return order;
}

std::shared_ptr<InsertInstance> makeInsert(const ipc::ProcessorT& p, const CompileSettings& settings,
                                           const PlanObjects& previous)
{
    // Moving a plugin to another isolation mode makes it anew where it now runs, carrying
    // the live state of the instance it replaces (not the graph's possibly older blob).
    const ipc::ProcessorT* source = &p;
    ipc::ProcessorT moved;
    if (auto it = previous.inserts.find(p.id); it != previous.inserts.end())
    {
        const auto& old = *it->second;
        if (old.format == p.format && old.builtin == p.builtin && old.pluginUid == p.plugin_uid)
        {
            if (old.isolation == p.isolation)
                return it->second;
            if (old.processor)
            {
                moved = p;
                moved.state = old.processor->saveState();
                source = &moved;
            }
        }
    }
    auto instance = std::make_shared<InsertInstance>();
    instance->id = p.id;
    instance->format = p.format;
    instance->builtin = p.builtin;
    instance->pluginUid = p.plugin_uid;
    instance->isolation = p.isolation;

    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::Processor::Pack(fbb, source));
    const auto* description = flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer());
    std::string error;
    // A processor that cannot be made stays in the chain as Failed: the project still loads
    // and telemetry tells the user which one is missing.
    instance->processor = settings.inserts.create(*description, settings.sampleRate, settings.maxBlock, error);
    // create() applied the description's state; prepare once more so every insert is
    // prepared at the engine's format whatever the factory did.
    if (instance->processor)
        instance->processor->prepare(settings.sampleRate, settings.maxBlock);
    return instance;
}

CommandResult openStream(const ipc::AudioClipT& clip, const CompileSettings& settings, const PlanObjects& previous,
                         DecodedSources& decoded, PlanObjects::Stream& out)
{
    if (auto it = previous.streams.find(clip.id); it != previous.streams.end())
    {
        const auto& s = it->second;
        if (s.file == clip.file && s.sourceOffset == clip.source_offset && s.loopLength == clip.loop_length
            && s.length == clip.length)
        {
            out = s;
            return std::nullopt;
        }
    }
    const juce::File file(juce::String(juce::CharPointer_UTF8(clip.file.c_str())));
    if (!juce::File::isAbsolutePath(juce::String(juce::CharPointer_UTF8(clip.file.c_str()))) || !file.existsAsFile())
        return CommandError{ ipc::ErrorCode::IoFailure, "audio file not found: " + clip.file, std::to_string(clip.id) };
    // Opening a FIFO or a terminal for reading blocks until someone writes: the engine would
    // hang on a hostile or mistaken path, so only regular files (or links to them) are read.
    if (std::error_code ec; !std::filesystem::is_regular_file(std::filesystem::path(clip.file), ec))
        return CommandError{ ipc::ErrorCode::IoFailure, "audio file is not a regular file: " + clip.file,
                             std::to_string(clip.id) };
    if (const auto problem = riffHeaderProblem(file))
        return CommandError{ ipc::ErrorCode::IoFailure, "cannot play audio file " + clip.file + ": " + *problem,
                             std::to_string(clip.id) };
    auto reader = openBufferedReader(settings.formats, file);
    if (!reader)
        return CommandError{ ipc::ErrorCode::IoFailure, "cannot read audio file (not WAV/FLAC/OGG/AIFF?): " + clip.file,
                             std::to_string(clip.id) };
    if (const auto reason = unplayableReason(*reader))
        return CommandError{ ipc::ErrorCode::IoFailure, "cannot play audio file " + clip.file + ": " + *reason,
                             std::to_string(clip.id) };
    if (std::abs(reader->sampleRate - settings.sampleRate) > 0.5)
        return CommandError{ ipc::ErrorCode::Unsupported,
                             "audio file is at " + std::to_string(static_cast<int>(reader->sampleRate))
                                 + " Hz and the engine at " + std::to_string(static_cast<int>(settings.sampleRate))
                                 + " Hz; resampling is not supported yet",
                             std::to_string(clip.id) };
    ClipStream::Source source;
    if (settings.streamMode == ClipStream::Mode::OnDemand)
        source.decoded = decoded.forClip(clip, *reader, file);
    if (!source.decoded) // otherwise everything the clip reads is in memory
        source.reader = std::move(reader);
    source.file = file;
    source.sourceOffset = clip.source_offset;
    source.loopLength = clip.loop_length;
    source.length = clip.length;
    out.file = clip.file;
    out.sourceOffset = clip.source_offset;
    out.loopLength = clip.loop_length;
    out.length = clip.length;
    out.stream = std::make_shared<ClipStream>(std::move(source), settings.streamMode);
    return std::nullopt;
}

} // namespace

CommandResult compilePlan(const ipc::GraphSnapshotT& graph, const CompileSettings& settings, PlanObjects& objects,
                          std::unique_ptr<RenderPlan>& result)
{
    auto plan = std::make_unique<RenderPlan>();
    PlanObjects next;
    plan->revision = graph.revision;
    plan->sampleRate = settings.sampleRate;
    plan->maxBlock = settings.maxBlock;
    plan->tempo = TempoMap(graph.tempo_map, settings.sampleRate);
    const auto block = static_cast<size_t>(settings.maxBlock);
    for (auto* lane : { &plan->laneGain, &plan->lanePan, &plan->laneMute, &plan->lanePolarity, &plan->laneLeft,
                        &plan->laneRight, &plan->laneSend })
        lane->assign(block, 0.0f);
    plan->clipScratch.setSize(2, settings.maxBlock);

    DecodedSources decodedSources(graph, settings.decodedAudioBudget);
    const auto order = dependencyOrder(graph);
    std::map<uint32_t, int> planIndex;
    for (size_t i = 0; i < order.size(); ++i)
        planIndex[graph.channels[order[i]]->id] = static_cast<int>(i);
    plan->channels.resize(order.size());

    for (size_t i = 0; i < order.size(); ++i)
    {
        const auto& src = *graph.channels[order[i]];
        auto& ch = plan->channels[i];
        ch.id = src.id;
        ch.kind = src.kind;
        ch.gain = src.gain;
        ch.pan = src.pan;
        ch.mute = src.mute;
        ch.polarity = src.polarity_invert;
        if (src.kind == ipc::ChannelKind::Master)
            plan->master = static_cast<int>(i);
        if (auto it = objects.channels.find(src.id); it != objects.channels.end())
            ch.state = it->second;
        else
        {
            ch.state = std::make_shared<ChannelState>();
            ch.state->gain.value = src.gain;
            ch.state->pan.value = src.pan;
            ch.state->mute.value = src.mute ? 1.0f : 0.0f;
            ch.state->polarity.value = src.polarity_invert ? 1.0f : 0.0f;
        }
        next.channels[src.id] = ch.state;
        ch.audio.setSize(2, settings.maxBlock);
        ch.audio.clear();
        ch.midi.ensureSize(PlanChannel::midiCapacityBytes);
        plan->targets.push_back({ src.id, { ParameterTarget::Kind::Channel, static_cast<int>(i), 0 } });

        for (const auto& p : src.processors)
        {
            PlanInsert insert;
            insert.instance = makeInsert(*p, settings, objects);
            insert.bypass = p->bypass;
            insert.sidechainFrom = p->sidechain_from != 0 ? planIndex.at(p->sidechain_from) : -1;
            insert.events.reserve(1024);
            next.inserts[p->id] = insert.instance;
            plan->targets.push_back(
                { p->id, { ParameterTarget::Kind::Insert, static_cast<int>(i), static_cast<int>(ch.inserts.size()) } });
            ch.inserts.push_back(std::move(insert));
        }

        auto addFeed = [&](uint32_t sendId, uint32_t target, float gain, bool pre) {
            PlanFeed feed;
            feed.sendId = sendId;
            feed.target = target == 0 ? -1 : planIndex.at(target);
            feed.gain = gain;
            feed.preFader = pre;
            ch.feeds.push_back(std::move(feed));
        };
        for (const auto& s : src.sends)
        {
            plan->targets.push_back(
                { s->id, { ParameterTarget::Kind::Send, static_cast<int>(i), static_cast<int>(ch.feeds.size()) } });
            addFeed(s->id, s->target, s->gain, s->pre_fader);
        }
        if (src.output != 0 || src.kind == ipc::ChannelKind::Master)
            addFeed(0, src.output, 1.0f, false);

        for (const auto& c : src.audio_clips)
        {
            PlanObjects::Stream stream;
            if (auto error = openStream(*c, settings, objects, decodedSources, stream))
                return error;
            next.streams[c->id] = stream;
            PlanAudioClip clip;
            clip.id = c->id;
            clip.start = c->start;
            clip.length = c->length;
            clip.gain = c->gain;
            clip.fadeIn = c->fade_in;
            clip.fadeOut = c->fade_out;
            clip.fadeInShape = c->fade_in_shape;
            clip.fadeOutShape = c->fade_out_shape;
            clip.stream = stream.stream;
            ch.audioClips.push_back(std::move(clip));
        }
        for (const auto& c : src.midi_clips)
        {
            PlanMidiClip clip;
            clip.id = c->id;
            clip.start = c->start;
            clip.length = c->length;
            clip.loopLength = c->loop_length;
            for (const auto& e : c->events)
                if (c->loop_length <= 0 || e.time() < c->loop_length)
                    clip.events.push_back({ e.time(), e.status(), e.data1(), e.data2() });
            std::stable_sort(clip.events.begin(), clip.events.end(),
                             [](const auto& a, const auto& b) { return a.time < b.time; });
            ch.midiClips.push_back(std::move(clip));
        }
    }
    std::sort(plan->targets.begin(), plan->targets.end(), [](auto& a, auto& b) { return a.first < b.first; });

    // Automation: any channel may carry a curve; it lands on whatever its address names.
    for (const auto& src : graph.channels)
        for (const auto& curve : src->automation)
        {
            if (!curve->target || curve->points.empty())
                continue;
            const auto* target = plan->findTarget(curve->target->node());
            if (!target)
                continue;
            auto& ch = plan->channels[static_cast<size_t>(target->channel)];
            Curve compiled(curve->points);
            const auto param = curve->target->param();
            switch (target->kind)
            {
                case ParameterTarget::Kind::Channel:
                    switch (static_cast<ipc::ChannelParam>(param))
                    {
                        case ipc::ChannelParam::Gain: ch.gainCurve = std::move(compiled); break;
                        case ipc::ChannelParam::Pan: ch.panCurve = std::move(compiled); break;
                        case ipc::ChannelParam::Mute: ch.muteCurve = std::move(compiled); break;
                        case ipc::ChannelParam::Polarity: ch.polarityCurve = std::move(compiled); break;
                    }
                    break;
                case ParameterTarget::Kind::Send:
                    ch.feeds[static_cast<size_t>(target->index)].gainCurve = std::move(compiled);
                    break;
                case ParameterTarget::Kind::Insert:
                    ch.inserts[static_cast<size_t>(target->index)].automation.emplace_back(param, std::move(compiled));
                    break;
            }
        }

    // Delay compensation: every feed into a channel arrives as late as its latest source.
    std::vector<int> arrival(plan->channels.size(), 0);
    for (size_t i = 0; i < plan->channels.size(); ++i)
    {
        auto& ch = plan->channels[i];
        int own = 0;
        for (const auto& insert : ch.inserts)
            if (!insert.bypass && insert.instance->processor)
                own += std::max(0, insert.instance->processor->latencySamples());
        ch.latency = arrival[i] + own;
        for (const auto& feed : ch.feeds)
            if (feed.target >= 0)
            {
                arrival[static_cast<size_t>(feed.target)] = std::max(arrival[static_cast<size_t>(feed.target)], ch.latency);
                plan->channels[static_cast<size_t>(feed.target)].fed = true;
            }
    }
    for (auto& ch : plan->channels)
        for (auto& feed : ch.feeds)
        {
            const int delay = feed.target >= 0 ? arrival[static_cast<size_t>(feed.target)] - ch.latency : 0;
            const auto key = std::make_pair(ch.id, feed.sendId);
            auto it = objects.feeds.find(key);
            if (it != objects.feeds.end() && it->second->left.delay() == delay)
                feed.state = it->second;
            else
            {
                feed.state = std::make_shared<FeedState>(delay);
                feed.state->gain.value = feed.gain;
            }
            next.feeds[key] = feed.state;
        }

    // A channel nothing reads after its own turn (no channel adds into it, no insert takes
    // it as a sidechain) renders in the plan's shared buffer: with 64 tracks in 64 buffers,
    // each had left the cache by its next turn, and clearing it was a stall (perf).
    std::vector<bool> sidechainSource(plan->channels.size(), false);
    for (const auto& ch : plan->channels)
        for (const auto& insert : ch.inserts)
            if (insert.sidechainFrom >= 0)
                sidechainSource[static_cast<size_t>(insert.sidechainFrom)] = true;
    plan->sharedAudio.setSize(2, settings.maxBlock);
    plan->sharedAudio.clear();
    for (size_t i = 0; i < plan->channels.size(); ++i)
    {
        auto& ch = plan->channels[i];
        ch.sharesAudio = !ch.fed && !sidechainSource[i];
        if (ch.sharesAudio)
            ch.audio = juce::AudioBuffer<float>(plan->sharedAudio.getArrayOfWritePointers(), 2, settings.maxBlock);
    }

    objects = std::move(next);
    result = std::move(plan);
    return std::nullopt;
}

} // namespace loophole::signal
