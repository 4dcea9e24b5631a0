// The built-in processors, minus what would read files the fuzzer names: a Sampler's state
// carries a path (see Sampler.h), so fuzzed Samplers must come without state.
#pragma once

#include "control/BuiltInInsertFactory.h"

namespace loophole::signal::fuzz {

class FuzzInsertFactory final : public InsertFactory
{
public:
    std::unique_ptr<InsertProcessor> create(const ipc::Processor& description, double sampleRate, int maxBlockSize,
                                            std::string& error) override;

private:
    BuiltInInsertFactory builtIns;
};

} // namespace loophole::signal::fuzz
