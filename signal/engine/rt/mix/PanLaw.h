// Equal-power pan: -3 dB per side at centre, full level on the panned side.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>

namespace loophole::signal {

struct PanGains
{
    float left, right;
};

inline PanGains equalPowerPan(float pan) noexcept
{
    const float angle = (std::clamp(pan, -1.0f, 1.0f) + 1.0f) * std::numbers::pi_v<float> * 0.25f;
    return { std::cos(angle), std::sin(angle) };
}

} // namespace loophole::signal
