// Folding telemetry readings together for a subscriber slower than the pump.
#pragma once

#include "loophole/ipc/telemetry_generated.h"

namespace loophole::signal {

/// Folds a newer reading into an older one a subscriber has not yet received: the latest
/// clock, transport and plugin status, the worst load, and the loudest meter of each node.
void mergeTelemetry(ipc::TelemetryT& into, const ipc::TelemetryT& newer);

} // namespace loophole::signal
