// Makes the engine's own processors (PluginFormat::BuiltIn). The plugin host delegates
// BuiltIn descriptions here and handles the plugin formats itself.
#pragma once

#include "rt/graph/InsertProcessor.h"

namespace loophole::signal {

class BuiltInInsertFactory final : public InsertFactory
{
public:
    std::unique_ptr<InsertProcessor> create(const ipc::Processor& description, double sampleRate, int maxBlockSize,
                                            std::string& error) override;
};

} // namespace loophole::signal
