// An automation curve: points in timeline samples; each segment takes its first point's shape.
// Before the first point the curve holds the first value, after the last the last value.
#pragma once

#include "loophole/ipc/graph_generated.h"

#include <cstdint>
#include <vector>

namespace loophole::signal {

class Curve
{
public:
    Curve() = default;
    explicit Curve(std::vector<ipc::AutomationPoint> points);

    bool empty() const noexcept { return points.empty(); }

    float valueAt(int64_t time) const noexcept;

    /// out[i] = valueAt(start + i), walking segments instead of searching each sample.
    void render(int64_t start, float* out, int n) const noexcept;

private:
    size_t segmentAt(int64_t time) const noexcept; // index of the last point <= time
    float interpolate(size_t segment, int64_t time) const noexcept;

    std::vector<ipc::AutomationPoint> points;
};

/// Shape of one segment at x in 0..1 from a to b.
float shapeValue(ipc::CurveShape shape, float tension, float a, float b, double x) noexcept;

} // namespace loophole::signal
