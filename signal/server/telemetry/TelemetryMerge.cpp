#include "telemetry/TelemetryMerge.h"

#include <algorithm>

namespace loophole::signal {

void mergeTelemetry(ipc::TelemetryT& into, const ipc::TelemetryT& newer)
{
    into.engine_sample = newer.engine_sample;
    into.transport = newer.transport ? std::make_unique<ipc::TransportState>(*newer.transport) : nullptr;
    into.dsp_load = std::max(into.dsp_load, newer.dsp_load);
    into.xruns = newer.xruns;
    into.callback_overruns = newer.callback_overruns;
    into.callback_peak_load = std::max(into.callback_peak_load, newer.callback_peak_load);
    into.parameter_changes = newer.parameter_changes;
    into.parameter_digest = newer.parameter_digest;
    into.plugins = newer.plugins;
    for (const auto& meter : newer.meters) {
        auto existing = std::find_if(into.meters.begin(), into.meters.end(),
                                     [&](const ipc::Meter& m) { return m.node() == meter.node(); });
        if (existing == into.meters.end()) {
            into.meters.push_back(meter);
            continue;
        }
        *existing = ipc::Meter(meter.node(),
                               std::max(existing->peak_left(), meter.peak_left()),
                               std::max(existing->peak_right(), meter.peak_right()),
                               std::max(existing->rms_left(), meter.rms_left()),
                               std::max(existing->rms_right(), meter.rms_right()));
    }
}

} // namespace loophole::signal
