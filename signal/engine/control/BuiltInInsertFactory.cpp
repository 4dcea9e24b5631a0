#include "control/BuiltInInsertFactory.h"

#include "rt/instruments/SineSynth.h"

namespace loophole::signal {

std::unique_ptr<InsertProcessor> BuiltInInsertFactory::create(const ipc::Processor& description, double sampleRate,
                                                              int maxBlockSize, std::string& error)
{
    if (description.format() != ipc::PluginFormat::BuiltIn)
    {
        error = "processor " + std::to_string(description.id()) + " is not a built-in";
        return nullptr;
    }
    switch (description.builtin())
    {
        case ipc::BuiltInKind::SineSynth:
        {
            auto synth = std::make_unique<SineSynth>();
            synth->prepare(sampleRate, maxBlockSize);
            return synth;
        }
        case ipc::BuiltInKind::Sampler:
            error = "the built-in Sampler is not available yet";
            return nullptr;
        case ipc::BuiltInKind::None:
            break;
    }
    error = "processor " + std::to_string(description.id()) + " names no built-in kind";
    return nullptr;
}

} // namespace loophole::signal
