// Renders one stretch of frames of a render plan: content, inserts, strips, sends, meters.
// Real-time safe: touches only memory the plan preallocated.
#pragma once

#include "automation/ScheduledChange.h"
#include "graph/RenderPlan.h"
#include "transport/TransportState.h"

#include <span>

namespace loophole::signal {

struct Segment
{
    int64_t engineSample = 0;              // engine clock at the first frame
    const TransportState* transport = nullptr; // position = timeline sample of the first frame
    bool discontinuity = false;            // the transport jumped or stopped: silence held notes
    std::span<const ScheduledChange> due;  // sorted; all land before engineSample + frames
    float* const* outputs = nullptr;
    int numOutputs = 0;
    int outputOffset = 0;
    int frames = 0;
};

/// Takes over strip values from the plan it replaces, easing the ones that changed.
void adoptPlan(RenderPlan& plan) noexcept;

void renderSegment(RenderPlan& plan, const Segment& segment) noexcept;

} // namespace loophole::signal
