#include "control/graph/GraphEdits.h"

#include <algorithm>

namespace loophole::signal {

std::unique_ptr<ipc::GraphSnapshotT> copyGraph(const ipc::GraphSnapshotT& graph)
{
    return std::make_unique<ipc::GraphSnapshotT>(graph);
}

CommandResult applyDiff(ipc::GraphSnapshotT& graph, const ipc::GraphDiffT& diff)
{
    if (diff.from_revision != graph.revision)
        return CommandError{ ipc::ErrorCode::InvalidGraph,
                             "diff starts from revision " + std::to_string(diff.from_revision) + " but the engine holds "
                                 + std::to_string(graph.revision),
                             "from_revision" };
    for (uint32_t id : diff.remove_channels)
    {
        auto it = std::find_if(graph.channels.begin(), graph.channels.end(), [&](auto& c) { return c->id == id; });
        if (it == graph.channels.end())
            return CommandError{ ipc::ErrorCode::UnknownNode, "cannot remove channel " + std::to_string(id)
                                     + ": the graph does not hold it", std::to_string(id) };
        graph.channels.erase(it);
    }
    for (const auto& upsert : diff.upsert_channels)
    {
        if (!upsert)
            continue;
        auto copy = std::make_unique<ipc::ChannelT>(*upsert);
        auto it = std::find_if(graph.channels.begin(), graph.channels.end(), [&](auto& c) { return c->id == upsert->id; });
        if (it != graph.channels.end())
            *it = std::move(copy);
        else
            graph.channels.push_back(std::move(copy));
    }
    if (!diff.tempo_map.empty())
        graph.tempo_map = diff.tempo_map;
    graph.revision = diff.to_revision;
    return std::nullopt;
}

ipc::ChannelT* ownerOf(ipc::GraphSnapshotT& graph, uint32_t node)
{
    for (auto& ch : graph.channels)
    {
        if (ch->id == node)
            return ch.get();
        for (auto& s : ch->sends)
            if (s->id == node)
                return ch.get();
        for (auto& p : ch->processors)
            if (p->id == node)
                return ch.get();
    }
    return nullptr;
}

CommandResult replaceAutomation(ipc::GraphSnapshotT& graph, const ipc::SetAutomationT& automation)
{
    for (const auto& curve : automation.curves)
    {
        if (!curve || !curve->target)
            return CommandError{ ipc::ErrorCode::InvalidGraph, "automation curve without a target", "curves" };
        auto* owner = ownerOf(graph, curve->target->node());
        if (!owner)
            return CommandError{ ipc::ErrorCode::UnknownNode, "no channel, send or processor has id "
                                     + std::to_string(curve->target->node()), std::to_string(curve->target->node()) };
        auto& list = owner->automation;
        std::erase_if(list, [&](auto& c) {
            return c->target && c->target->node() == curve->target->node() && c->target->param() == curve->target->param();
        });
        if (!curve->points.empty())
            list.push_back(std::make_unique<ipc::AutomationCurveT>(*curve));
    }
    return std::nullopt;
}

} // namespace loophole::signal
