#include "automation/Curve.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace loophole::signal {

Curve::Curve(std::vector<ipc::AutomationPoint> p) : points(std::move(p))
{
    std::stable_sort(points.begin(), points.end(),
                     [](const auto& a, const auto& b) { return a.time() < b.time(); });
}

float shapeValue(ipc::CurveShape shape, float tension, float a, float b, double x) noexcept
{
    switch (shape)
    {
        case ipc::CurveShape::Hold: return a;
        case ipc::CurveShape::Linear: break;
        case ipc::CurveShape::Exponential:
            // Constant ratio needs both ends on the same side of zero; otherwise linear.
            if (a > 0.0f && b > 0.0f)
                return static_cast<float>(a * std::pow(static_cast<double>(b) / a, x));
            break;
        case ipc::CurveShape::SCurve:
            x = 0.5 - 0.5 * std::cos(std::numbers::pi * x);
            break;
        case ipc::CurveShape::Tension:
            // Positive tension starts slowly and finishes fast; negative the reverse.
            x = std::pow(x, std::exp2(3.0 * std::clamp(static_cast<double>(tension), -1.0, 1.0)));
            break;
    }
    return static_cast<float>(a + (static_cast<double>(b) - a) * x);
}

size_t Curve::segmentAt(int64_t time) const noexcept
{
    auto it = std::upper_bound(points.begin(), points.end(), time,
                               [](int64_t t, const auto& p) { return t < p.time(); });
    return it == points.begin() ? 0 : static_cast<size_t>(it - points.begin()) - 1;
}

float Curve::interpolate(size_t i, int64_t time) const noexcept
{
    const auto& p = points[i];
    if (time <= p.time() && i == 0)
        return p.value();
    if (i + 1 >= points.size())
        return p.value();
    const auto& q = points[i + 1];
    const double span = static_cast<double>(q.time() - p.time());
    const double x = span > 0 ? static_cast<double>(time - p.time()) / span : 1.0;
    return shapeValue(p.shape(), p.tension(), p.value(), q.value(), std::clamp(x, 0.0, 1.0));
}

float Curve::valueAt(int64_t time) const noexcept
{
    if (points.empty())
        return 0.0f;
    if (time < points.front().time())
        return points.front().value();
    return interpolate(segmentAt(time), time);
}

void Curve::render(int64_t start, float* out, int n) const noexcept
{
    if (points.empty())
        return;
    size_t segment = segmentAt(start);
    for (int i = 0; i < n; ++i)
    {
        const int64_t t = start + i;
        while (segment + 1 < points.size() && points[segment + 1].time() <= t)
            ++segment;
        out[i] = t < points.front().time() ? points.front().value() : interpolate(segment, t);
    }
}

} // namespace loophole::signal
