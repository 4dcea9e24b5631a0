// loophole-signal: the engine process. The main thread runs JUCE's message loop, because
// plugin instantiation and editor windows need it; everything else has its own thread.
#include "app/Composition.h"
#include "app/Options.h"
#include "app/SignalServer.h"

#include <juce_events/juce_events.h>

#include <csignal>
#include <iostream>

namespace {

std::atomic<bool> stopSignalled { false };

void onStopSignal(int)
{
    stopSignalled.store(true);
}

/// Ends the message loop on SIGTERM/SIGINT or a client's Shutdown.
class StopWatch final : private juce::Timer
{
public:
    explicit StopWatch(const loophole::signal::SignalServer& s) : server(s) { startTimer(20); }
    ~StopWatch() override { stopTimer(); }

private:
    void timerCallback() override
    {
        if (stopSignalled.load() || server.shutdownRequested()) {
            stopTimer();
            juce::MessageManager::getInstance()->stopDispatchLoop();
        }
    }

    const loophole::signal::SignalServer& server;
};

} // namespace

int main(int argc, char** argv)
{
    using namespace loophole::signal;

    std::string error;
    const auto options = parseOptions(argc, argv, error);
    if (! options) {
        std::cerr << "loophole-signal: " << error << "\n" << usage();
        return 2;
    }
    if (options->help) {
        std::cout << usage();
        return 0;
    }

    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGPIPE, SIG_IGN);

    juce::ScopedJuceInitialiser_GUI juceRuntime;
    auto composition = makeComposition(*options);
    Engine engine(composition->inserts());
    int status = 0;
    {
        SignalServer server(engine, composition->inserts(), composition->plugins(), *options);
        if (error = server.start(); ! error.empty()) {
            std::cerr << "loophole-signal: " << error << "\n";
            status = 1;
        } else {
            std::cout << server.readyLine() << std::endl;
            StopWatch stopWatch(server);
            juce::MessageManager::getInstance()->runDispatchLoop();
        }
        server.stop();
    }
    return status;
}
