#include "control/graph/GraphValidation.h"

#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace loophole::signal {

CommandResult invalidGraph(std::string message, std::string field)
{
    return CommandError{ ipc::ErrorCode::InvalidGraph, std::move(message), std::move(field) };
}

CommandResult outOfRange(std::string message, std::string field)
{
    return CommandError{ ipc::ErrorCode::OutOfRange, std::move(message), std::move(field) };
}

namespace {

std::string idField(uint32_t id, const char* what) { return std::to_string(id) + "." + what; }

bool gainInRange(float g) { return std::isfinite(g) && g >= 0.0f && g <= 16.0f; }
bool panInRange(float p) { return std::isfinite(p) && p >= -1.0f && p <= 1.0f; }

bool isReceiver(ipc::ChannelKind kind) { return kind == ipc::ChannelKind::Bus || kind == ipc::ChannelKind::Master; }

CommandResult checkClips(const ipc::ChannelT& channel)
{
    for (const auto& clip : channel.audio_clips)
    {
        const auto field = std::to_string(clip->id);
        if (clip->start < 0 || clip->length < 0 || clip->source_offset < 0 || clip->loop_length < 0)
            return outOfRange("audio clip positions must not be negative", field);
        if (clip->fade_in < 0 || clip->fade_out < 0 || clip->fade_in + clip->fade_out > clip->length)
            return outOfRange("audio clip fades must fit inside the clip", field);
        if (!gainInRange(clip->gain))
            return outOfRange("clip gain must be finite and within 0..16", idField(clip->id, "gain"));
    }
    for (const auto& clip : channel.midi_clips)
    {
        if (clip->start < 0 || clip->length < 0 || clip->loop_length < 0)
            return outOfRange("MIDI clip positions must not be negative", std::to_string(clip->id));
        for (const auto& e : clip->events)
            if (e.time() < 0 || (e.status() & 0x80) == 0)
                return outOfRange("MIDI event with a negative time or no status byte", std::to_string(clip->id));
    }
    return std::nullopt;
}

} // namespace

CommandResult validateGraph(const ipc::GraphSnapshotT& graph)
{
    std::map<uint32_t, const ipc::ChannelT*> channels;
    std::set<uint32_t> ids;
    auto claim = [&](uint32_t id, const char* what) -> CommandResult {
        if (id == 0)
            return invalidGraph(std::string(what) + " id 0 is reserved for \"none\"", "0");
        if (!ids.insert(id).second)
            return invalidGraph("id " + std::to_string(id) + " is used twice", std::to_string(id));
        return std::nullopt;
    };

    int masters = 0;
    for (const auto& ch : graph.channels)
    {
        if (!ch)
            return invalidGraph("empty channel entry", "channels");
        if (auto e = claim(ch->id, "channel"))
            return e;
        channels[ch->id] = ch.get();
        masters += ch->kind == ipc::ChannelKind::Master ? 1 : 0;
        for (const auto& p : ch->processors)
            if (auto e = claim(p->id, "processor"))
                return e;
        for (const auto& s : ch->sends)
            if (auto e = claim(s->id, "send"))
                return e;
        for (const auto& c : ch->audio_clips)
            if (auto e = claim(c->id, "clip"))
                return e;
        for (const auto& c : ch->midi_clips)
            if (auto e = claim(c->id, "clip"))
                return e;
    }
    if (!graph.channels.empty() && masters != 1)
        return invalidGraph("a graph needs exactly one master channel, found " + std::to_string(masters), "channels");

    // Routing: every reference names a channel that exists and can receive audio.
    std::map<uint32_t, std::vector<uint32_t>> edges; // source -> consumers
    for (const auto& ch : graph.channels)
    {
        const auto id = std::to_string(ch->id);
        if (!gainInRange(ch->gain))
            return outOfRange("channel gain must be finite and within 0..16", idField(ch->id, "gain"));
        if (!panInRange(ch->pan))
            return outOfRange("channel pan must be within -1..1", idField(ch->id, "pan"));
        if (ch->kind == ipc::ChannelKind::Master && ch->output != 0)
            return invalidGraph("the master channel outputs to the device (output 0)", idField(ch->id, "output"));
        if (ch->output != 0)
        {
            auto target = channels.find(ch->output);
            if (target == channels.end())
                return invalidGraph("channel " + id + " outputs to channel " + std::to_string(ch->output)
                                        + ", which does not exist", idField(ch->id, "output"));
            if (!isReceiver(target->second->kind))
                return invalidGraph("channel " + id + " outputs to a track; only buses and the master receive audio",
                                    idField(ch->id, "output"));
            edges[ch->id].push_back(ch->output);
        }
        for (const auto& send : ch->sends)
        {
            auto target = channels.find(send->target);
            if (target == channels.end() || !isReceiver(target->second->kind))
                return invalidGraph("send " + std::to_string(send->id) + " targets " + std::to_string(send->target)
                                        + ", which is not a bus or the master", idField(send->id, "target"));
            if (!gainInRange(send->gain))
                return outOfRange("send gain must be finite and within 0..16", idField(send->id, "gain"));
            edges[ch->id].push_back(send->target);
        }
        for (const auto& p : ch->processors)
        {
            if (p->sidechain_from == 0)
                continue;
            if (channels.find(p->sidechain_from) == channels.end())
                return invalidGraph("processor " + std::to_string(p->id) + " takes its sidechain from channel "
                                        + std::to_string(p->sidechain_from) + ", which does not exist",
                                    idField(p->id, "sidechain_from"));
            edges[p->sidechain_from].push_back(ch->id);
        }
        if (auto e = checkClips(*ch))
            return e;
        for (const auto& curve : ch->automation)
        {
            if (!curve->target || ids.count(curve->target->node()) == 0)
                return invalidGraph("automation targets an id the graph does not hold",
                                    curve->target ? std::to_string(curve->target->node()) : "automation");
            for (const auto& point : curve->points)
                if (!std::isfinite(point.value()) || !std::isfinite(point.tension()))
                    return outOfRange("automation values must be finite", std::to_string(curve->target->node()));
        }
    }
    for (const auto& t : graph.tempo_map)
        if (!(t.bpm() > 0.0 && t.bpm() <= 1000.0) || t.sample() < 0)
            return outOfRange("tempo must be within 0..1000 bpm at a non-negative position", "tempo_map");

    // Feedback loops, through outputs, sends and sidechains alike (depth-first, three colours).
    std::map<uint32_t, int> colour; // 0 unvisited, 1 on the stack, 2 done
    std::function<std::optional<uint32_t>(uint32_t)> visit = [&](uint32_t node) -> std::optional<uint32_t> {
        colour[node] = 1;
        for (uint32_t next : edges[node])
        {
            if (colour[next] == 1)
                return next;
            if (colour[next] == 0)
                if (auto loop = visit(next))
                    return loop;
        }
        colour[node] = 2;
        return std::nullopt;
    };
    for (const auto& ch : graph.channels)
        if (colour[ch->id] == 0)
            if (auto loop = visit(ch->id))
                return invalidGraph("routing makes a feedback loop through channel " + std::to_string(*loop),
                                    std::to_string(*loop));
    return std::nullopt;
}

} // namespace loophole::signal
