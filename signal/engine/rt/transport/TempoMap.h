// Tempo points -> bpm, quarter-note (ppq) position and bar start at any timeline sample.
// Each tempo point is assumed to start a bar.
#pragma once

#include "loophole/ipc/graph_generated.h"

#include <cstdint>
#include <vector>

namespace loophole::signal {

struct MusicalPosition
{
    double bpm = 120.0;
    double ppq = 0.0;
    double ppqOfLastBarStart = 0.0;
    int numerator = 4;
    int denominator = 4;
};

class TempoMap
{
public:
    TempoMap() = default;
    TempoMap(const std::vector<ipc::TempoPoint>& points, double sampleRate);

    MusicalPosition at(int64_t sample) const noexcept;

private:
    struct Segment
    {
        int64_t start;
        double bpm;
        double ppqAtStart;
        int numerator, denominator;
    };
    std::vector<Segment> segments; // never empty after construction
    double sampleRate = 48000.0;
};

} // namespace loophole::signal
