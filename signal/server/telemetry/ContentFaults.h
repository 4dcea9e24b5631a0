// Says once, in the engine's log (stderr), which clip's file stopped being readable during
// playback: deleted, truncated or failing to read. The audio thread has already turned
// that clip to silence and counted the failed reads; this tells the person why.
#pragma once

#include "control/Engine.h"

#include <ostream>
#include <set>
#include <string>
#include <utility>

namespace loophole::signal {

class ContentFaults
{
public:
    /// Control lock held. Writes one line for each clip that started failing since last time.
    void report(const Engine::ContentStats& stats, std::ostream& log);

private:
    std::set<std::pair<uint32_t, std::string>> reported; // (clip, file): each said once
};

} // namespace loophole::signal
