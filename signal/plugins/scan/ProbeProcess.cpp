#include "ProbeProcess.h"

#include "catalogue/CatalogueJson.h"
#include "clap/ClapInstance.h"
#include "juceformats/JuceFormats.h"

#include <juce_core/juce_core.h>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace loophole::signal {

namespace {

std::string signalName(int sig)
{
    if (const char* abbrev = sigabbrev_np(sig); abbrev != nullptr)
        return std::string("SIG") + abbrev;
    return "signal " + std::to_string(sig);
}

std::string secondsText(double seconds)
{
    return juce::String(seconds, seconds == std::floor(seconds) ? 0 : 1).toStdString() + " s";
}

ProbeOutcome blocked(std::string reason)
{
    ProbeOutcome outcome;
    outcome.blocked = true;
    outcome.reason = std::move(reason);
    return outcome;
}

ProbeOutcome blockedForNow(std::string reason)
{
    auto outcome = blocked(std::move(reason));
    outcome.worthRetrying = true;
    return outcome;
}

std::vector<ipc::PluginDescriptionT> describeClap(const std::string& path, std::string& error)
{
    std::vector<ipc::PluginDescriptionT> result;
    auto module = clapformat::ClapModule::load(path, error);
    if (module == nullptr)
        return result;
    for (const auto* descriptor : module->descriptors())
    {
        ipc::PluginDescriptionT entry;
        entry.uid = descriptor->id;
        entry.format = ipc::PluginFormat::CLAP;
        entry.name = descriptor->name != nullptr ? descriptor->name : descriptor->id;
        entry.vendor = descriptor->vendor != nullptr ? descriptor->vendor : "";
        entry.version = descriptor->version != nullptr ? descriptor->version : "";
        entry.path = path;
        for (auto* feature = descriptor->features; feature != nullptr && *feature != nullptr; ++feature)
        {
            const std::string f = *feature;
            if (f == "instrument")
                entry.is_instrument = true;
            if (entry.category.empty() && f != "audio-effect" && f != "instrument" && f != "stereo" && f != "mono")
                entry.category = f;
        }
        if (entry.category.empty())
            entry.category = entry.is_instrument ? "instrument" : "audio-effect";

        std::string why;
        if (auto instance = clapformat::ClapInstance::create(module, entry.uid, why))
        {
            entry.main_inputs = static_cast<uint16_t>(instance->mainInput.channels);
            entry.main_outputs = static_cast<uint16_t>(instance->mainOutput.channels);
            entry.sidechain_inputs = static_cast<uint16_t>(instance->sidechainInput.channels);
            if (instance->activate(48000.0, 512))
                entry.latency_samples = static_cast<uint32_t>(std::max(0, instance->latency()));
            instance->deactivate();
            uint32_t index = 0;
            for (const auto& p : instance->parameters())
            {
                auto info = std::make_unique<ipc::PluginParameterInfoT>();
                info->index = index++;
                info->name = p.name;
                const double range = p.maxValue - p.minValue;
                info->default_value = range != 0.0 ? static_cast<float>((p.defaultValue - p.minValue) / range) : 0.0f;
                info->automatable = p.automatable && ! p.readonly;
                entry.parameters.push_back(std::move(info));
            }
        }
        else
        {
            entry.blocked = true;
            entry.blocked_reason = "failed: " + why;
        }
        result.push_back(std::move(entry));
    }
    return result;
}

} // namespace

int runProbe(const ScanCandidate& candidate, const std::string& outFile)
{
    std::string error;
    const auto plugins = candidate.format == ipc::PluginFormat::CLAP
                       ? describeClap(candidate.path, error)
                       : juceformats::describe(candidate.format, candidate.path, error);
    auto* root = new juce::DynamicObject();
    root->setProperty("plugins", toJson(plugins));
    root->setProperty("error", juce::String(error));
    return juce::File(outFile).replaceWithText(juce::JSON::toString(juce::var(root), true)) ? 0 : 3;
}

ProbeOutcome probeInChild(const std::string& probeExecutable, const ScanCandidate& candidate, double timeoutSeconds)
{
    const auto outFile = juce::File::createTempFile(".probe.json");
    const std::string format = formatName(candidate.format);
    const std::string out = outFile.getFullPathName().toStdString();
    std::vector<const char*> argv { probeExecutable.c_str(), "--probe", format.c_str(), candidate.path.c_str(),
                                    "--out", out.c_str(), nullptr };

    // The child's stdout/stderr (plugins chatter) go to /dev/null; the result goes to a file.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, probeExecutable.c_str(), &actions, nullptr,
                                    const_cast<char* const*>(argv.data()), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return blockedForNow("cannot start the probe process " + probeExecutable + ": " + std::strerror(spawned));

    int status = 0;
    const auto deadline = juce::Time::getMillisecondCounterHiRes() + timeoutSeconds * 1000.0;
    for (int sleepMs = 1;; sleepMs = std::min(sleepMs * 2, 20))
    {
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0)
            return blockedForNow("lost the probe process");
        if (juce::Time::getMillisecondCounterHiRes() > deadline)
        {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            outFile.deleteFile();
            return blockedForNow("timed out after " + secondsText(timeoutSeconds));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs));
    }

    const auto text = outFile.loadFileAsString();
    outFile.deleteFile();
    if (WIFSIGNALED(status))
        return blocked("crashed: " + signalName(WTERMSIG(status)));
    if (! WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return blocked("probe failed with exit code " + std::to_string(WEXITSTATUS(status)));

    const auto json = juce::JSON::parse(text);
    ProbeOutcome outcome;
    outcome.plugins = pluginsFromJson(json.getProperty("plugins", {}));
    if (outcome.plugins.empty())
        outcome.reason = json.getProperty("error", "").toString().toStdString();
    return outcome;
}

} // namespace loophole::signal
