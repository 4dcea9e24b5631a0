// The body the misbehaving test plugins share: a stereo pass-through CLAP effect with one
// automatable 0..1 parameter (id 7). A plugin defines `thisEffect` — its names and what its
// parameter does after the pass-through — and links OneParameterClapEffect.cpp, which
// exports `clap_entry`.
#pragma once

#include "clap/abi/Process.h"

namespace loophole::clap::testplugins {

struct OneParameterEffect
{
    const char* id;
    const char* name;
    const char* description;
    const char* parameterName;
    /// Runs on the audio thread once the block has been copied through, with the parameter's value.
    void (*afterPassThrough)(const Process& block, double value);
};

extern const OneParameterEffect thisEffect;

} // namespace loophole::clap::testplugins
