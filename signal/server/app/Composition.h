// What the executable plugs into the server: the insert factory the engine builds
// processors with (built-ins, plus hosted plugins when plugin hosting is compiled in).
#pragma once

#include "app/Options.h"
#include "commands/PluginServices.h"
#include "rt/graph/InsertProcessor.h"

#include <memory>

namespace loophole::signal {

class Composition
{
public:
    virtual ~Composition() = default;
    virtual InsertFactory& inserts() = 0;
    virtual PluginServices* plugins() = 0; // nullptr without plugin hosting
};

/// Made on the message thread, after JUCE is initialised; `options.isolation` is where
/// plugins whose Processor.isolation is Default run.
std::unique_ptr<Composition> makeComposition(const Options& options);

} // namespace loophole::signal
