// A stereo CLAP effect that passes audio through until its one parameter ("stall") goes
// above 0.5, then never returns from process(): a plugin that hangs mid-playback, for the
// sandbox's deadline and Hung tests. Untouched, it is the pass-through the benchmark uses.
#include "testplugins/OneParameterClapEffect.h"

#include <unistd.h>

using namespace loophole::clap;

const testplugins::OneParameterEffect testplugins::thisEffect {
    "dev.loophole.test.stall", "Loophole Stall Test", "Hangs in process() on demand", "stall",
    [](const Process&, double stall) {
        while (stall > 0.5)
            ::pause(); // as stuck as a plugin can be: only a signal that ends the process frees it
    },
};
