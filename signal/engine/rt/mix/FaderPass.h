// The end of a channel whose fader (gain, pan, mute, polarity) holds still for the block and
// that feeds one place: scaled by the fader, metered and added to where it goes, in one pass
// over its audio instead of three (multiply, meter, multiply-add: over half the instructions
// of a 64-track offline render by cachegrind, each pass loading and storing the same samples).
//
// The same floats as the passes it replaces: each sample is x * fader, stored back (a send
// or sidechain may read it later), and the target gets target + y * gain, the operations and
// order of FloatVectorOperations::multiply and ::addWithMultiply. The meter sees y, as when
// it measured the stored block.
#pragma once

#include "mix/Meter.h"

#include <cstring>

namespace loophole::signal {

/// x[i] *= fader; target[i] += x[i] * gain; returns the meter's measure of the new x.
inline Meter::Measure faderPass(float* x, float fader, float* target, float gain, int n) noexcept
{
    using Lanes = Meter::Lanes;
    const Lanes f = { fader, fader, fader, fader };
    const Lanes g = { gain, gain, gain, gain };
    return Meter::measureEach(
        x, n,
        [&](Lanes v, int i) {
            const Lanes y = v * f;
            std::memcpy(x + i, &y, sizeof y);
            Lanes t;
            std::memcpy(&t, target + i, sizeof t);
            t = t + y * g;
            std::memcpy(target + i, &t, sizeof t);
            return y;
        },
        [&](float v, int i) {
            const float y = v * fader;
            x[i] = y;
            target[i] = target[i] + y * gain;
            return y;
        });
}

} // namespace loophole::signal
