// A working stereo CLAP effect that passes audio through until its one parameter ("poison")
// goes above 0.5, then writes NaN into the first sample: tests the host's output guard
// through the real CLAP path.
#include "testplugins/OneParameterClapEffect.h"

#include <limits>

using namespace loophole::clap;

const testplugins::OneParameterEffect testplugins::thisEffect {
    "dev.loophole.test.nan", "Loophole NaN Test", "Emits NaN on demand", "poison",
    [](const Process& block, double poison) {
        if (poison > 0.5 && block.framesCount > 0)
            block.audioOutputs[0].data32[0][0] = std::numeric_limits<float>::quiet_NaN();
    },
};
