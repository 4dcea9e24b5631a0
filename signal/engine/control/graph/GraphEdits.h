// Edits to the engine's copy of the graph: diffs, automation replacement, strip values.
// Each works on a copy the caller validates before it replaces the held graph.
#pragma once

#include "control/Engine.h"

namespace loophole::signal {

std::unique_ptr<ipc::GraphSnapshotT> copyGraph(const ipc::GraphSnapshotT& graph);

/// Upserts replace whole channels (or append new ones); removes drop them.
CommandResult applyDiff(ipc::GraphSnapshotT& graph, const ipc::GraphDiffT& diff);

/// Replaces the curve for each curve's address on the channel that owns the address.
CommandResult replaceAutomation(ipc::GraphSnapshotT& graph, const ipc::SetAutomationT& automation);

/// The channel that owns node (itself, one of its sends or processors), or nullptr.
ipc::ChannelT* ownerOf(ipc::GraphSnapshotT& graph, uint32_t node);

} // namespace loophole::signal
