// A stereo CLAP effect that passes audio through and then sleeps 20 ms per block (less as its
// parameter "hurry" rises): slower than any real-time deadline, yet it always finishes. An
// offline render must wait for it rather than write silence.
#include "testplugins/OneParameterClapEffect.h"

#include <unistd.h>

using namespace loophole::clap;

const testplugins::OneParameterEffect testplugins::thisEffect {
    "dev.loophole.test.slow", "Loophole Slow Test", "Takes 20 ms per block", "hurry",
    [](const Process&, double hurry) { ::usleep(static_cast<useconds_t>(20'000 * (1.0 - hurry))); },
};
