#include "control/BuiltInInsertFactory.h"

#include "rt/instruments/Sampler.h"
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
            if (const auto* state = description.state(); state && state->size() > 0
                && !synth->restoreState(std::span<const uint8_t>(state->data(), state->size())))
            {
                error = "the SineSynth state is not one it saved";
                return nullptr;
            }
            return synth;
        }
        case ipc::BuiltInKind::Sampler:
        {
            // The sample file comes with the state (see Sampler.h); without one it stays silent.
            auto sampler = std::make_unique<Sampler>();
            sampler->prepare(sampleRate, maxBlockSize);
            if (const auto* state = description.state(); state && state->size() > 0
                && !sampler->restoreState(std::span<const uint8_t>(state->data(), state->size())))
            {
                error = "the Sampler cannot read its sample file";
                return nullptr;
            }
            return sampler;
        }
        case ipc::BuiltInKind::None:
            break;
    }
    error = "processor " + std::to_string(description.id()) + " names no built-in kind";
    return nullptr;
}

} // namespace loophole::signal
