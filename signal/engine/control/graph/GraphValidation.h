// Checks a graph before anything is compiled from it: unique ids, routing that points at
// channels that exist, no feedback loops, values inside their documented ranges.
#pragma once

#include "control/Engine.h"

namespace loophole::signal {

CommandResult validateGraph(const ipc::GraphSnapshotT& graph);

CommandResult invalidGraph(std::string message, std::string field);
CommandResult outOfRange(std::string message, std::string field);

} // namespace loophole::signal
