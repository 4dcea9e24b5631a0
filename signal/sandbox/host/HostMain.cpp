// loophole-plugin-host: hosts sandboxed plugin instances for loophole-signal.
//   loophole-plugin-host --control-fd N [--engine-pid P] [--cache FILE]
// The engine starts it with one end of a socketpair as N; it exits when that closes or the
// engine dies. The main thread runs JUCE's message loop (JUCE formats instantiate there).
#include "host/HostSession.h"

#include "PluginHost.h"
#include "hosting/OnMessageThread.h"

#include <juce_events/juce_events.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sys/prctl.h>
#include <thread>
#include <unistd.h>

namespace {

/// Built-ins always run in the engine; a host is never asked for one.
class NoBuiltIns final : public loophole::signal::InsertFactory
{
public:
    std::unique_ptr<loophole::signal::InsertProcessor> create(const loophole::ipc::Processor&, double, int,
                                                              std::string& error) override
    {
        error = "built-in processors run in the engine, not in a plugin host";
        return nullptr;
    }
};

} // namespace

int main(int argc, char** argv)
{
    using namespace loophole::signal;

    int controlFd = -1;
    std::string cacheFile;
    pid_t enginePid = 0;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--control-fd" && i + 1 < argc)
            controlFd = std::atoi(argv[++i]);
        else if (arg == "--engine-pid" && i + 1 < argc)
            enginePid = static_cast<pid_t>(std::atoi(argv[++i]));
        else if (arg == "--cache" && i + 1 < argc)
            cacheFile = argv[++i];
        else
        {
            std::cerr << "loophole-plugin-host: unknown argument " << arg
                      << "\nusage: loophole-plugin-host --control-fd N [--engine-pid P] [--cache FILE]\n";
            return 2;
        }
    }
    if (controlFd < 0)
    {
        std::cerr << "loophole-plugin-host: --control-fd is required (the engine starts this program)\n";
        return 2;
    }

    // A host outliving its engine would hold plugins and shared memory for nobody.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (enginePid > 0 && ::getppid() != enginePid)
        return 1; // the engine died before the line above took effect
    std::signal(SIGPIPE, SIG_IGN);

    const juce::ScopedJuceInitialiser_GUI juceRuntime;
    NoBuiltIns builtIns;
    sandbox::HostSession session([&] { return std::make_unique<PluginHost>(builtIns, cacheFile); }, controlFd);

    std::thread control([&] {
        session.run();
        // Plugins are destroyed where they were made before the message loop ends.
        onMessageThread([&] { session.unloadAll(); return true; });
        juce::MessageManager::getInstance()->stopDispatchLoop();
    });
    juce::MessageManager::getInstance()->runDispatchLoop();
    control.join();
    ::close(controlFd);
    return 0;
}
