#include "transport/TempoMap.h"

#include <algorithm>
#include <cmath>

namespace loophole::signal {

TempoMap::TempoMap(const std::vector<ipc::TempoPoint>& points, double rate) : sampleRate(rate)
{
    std::vector<ipc::TempoPoint> sorted(points);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.sample() < b.sample(); });
    for (const auto& p : sorted)
    {
        const int num = p.beats_per_bar() > 0 ? p.beats_per_bar() : 4;
        const int den = p.beat_unit() > 0 ? p.beat_unit() : 4;
        const double bpm = p.bpm() > 0 ? p.bpm() : 120.0;
        double ppq = 0.0;
        if (!segments.empty())
        {
            const auto& last = segments.back();
            ppq = last.ppqAtStart + static_cast<double>(p.sample() - last.start) / sampleRate * last.bpm / 60.0;
        }
        segments.push_back({ segments.empty() ? std::min<int64_t>(0, p.sample()) : p.sample(), bpm, ppq, num, den });
    }
    if (segments.empty())
        segments.push_back({ 0, 120.0, 0.0, 4, 4 });
}

MusicalPosition TempoMap::at(int64_t sample) const noexcept
{
    auto it = std::upper_bound(segments.begin(), segments.end(), sample,
                               [](int64_t s, const Segment& seg) { return s < seg.start; });
    const Segment& seg = it == segments.begin() ? segments.front() : *(it - 1);
    MusicalPosition m;
    m.bpm = seg.bpm;
    m.numerator = seg.numerator;
    m.denominator = seg.denominator;
    m.ppq = seg.ppqAtStart + static_cast<double>(sample - seg.start) / sampleRate * seg.bpm / 60.0;
    const double barLength = seg.numerator * 4.0 / seg.denominator;
    m.ppqOfLastBarStart = seg.ppqAtStart + std::floor((m.ppq - seg.ppqAtStart) / barLength) * barLength;
    return m;
}

} // namespace loophole::signal
