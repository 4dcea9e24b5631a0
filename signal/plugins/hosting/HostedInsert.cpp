#include "HostedInsert.h"

#include "rt/OutputGuard.h"

namespace loophole::signal {

void HostedInsert::process(InsertContext& context) noexcept
{
    // FTZ/DAZ for the plugin's own arithmetic; the guard scrubs what it leaves behind.
    const juce::ScopedNoDenormals noDenormals;
    processHosted(context);
    if (guardOutput(context.audio, context.audio.getNumSamples()) == OutputVerdict::Muted)
        status_.store(InsertStatus::BadOutput, std::memory_order_relaxed);
}

} // namespace loophole::signal
