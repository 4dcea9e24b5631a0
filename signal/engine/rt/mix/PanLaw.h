// Equal-power pan: -3 dB per side at centre, full level on the panned side.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
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

/// equalPowerPan() of the last position asked for, kept: a pan that does not move costs no
/// sine and cosine per block (they were 1 % of a 64-track render).
class CachedPan
{
public:
    PanGains at(float pan) noexcept
    {
        if (!(pan == position))
        {
            position = pan;
            gains = equalPowerPan(pan);
        }
        return gains;
    }

private:
    float position = std::numeric_limits<float>::quiet_NaN(); // equal to nothing: the first call computes
    PanGains gains{ 0.0f, 0.0f };
};

} // namespace loophole::signal
