#include "FuzzInsertFactory.h"

namespace loophole::signal::fuzz {

std::unique_ptr<InsertProcessor> FuzzInsertFactory::create(const ipc::Processor& description, double sampleRate,
                                                           int maxBlockSize, std::string& error)
{
    const auto* state = description.state();
    if (description.builtin() == ipc::BuiltInKind::Sampler && state != nullptr && state->size() > 0)
    {
        error = "fuzzing: Sampler state names a file; refused";
        return nullptr;
    }
    return builtIns.create(description, sampleRate, maxBlockSize, error);
}

} // namespace loophole::signal::fuzz
