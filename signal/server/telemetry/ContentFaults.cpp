#include "telemetry/ContentFaults.h"

namespace loophole::signal {

void ContentFaults::report(const Engine::ContentStats& stats, std::ostream& log)
{
    for (const auto& failing : stats.failing)
        if (reported.emplace(failing.clip, failing.file).second)
            log << "loophole-signal: clip " << failing.clip << " plays silence: its file " << failing.file
                << " was deleted, truncated or could not be read during playback" << std::endl;
}

} // namespace loophole::signal
