// Runs the built loophole-signal binary for a test and stops it afterwards.
#pragma once

#include <string>
#include <vector>

namespace loophole::signal::testing {

/// A fresh socket path under the test's own temporary directory.
std::string uniqueSocketPath(const std::string& tag);

class SignalProcess
{
public:
    /// Starts the server with `arguments` (plus --socket) and waits for its ready line.
    SignalProcess(const std::string& socketPath, std::vector<std::string> arguments,
                  std::vector<std::string> extraEnvironment = {});
    ~SignalProcess();

    bool ready() const { return ! readyLine.empty(); }
    const std::string& line() const { return readyLine; }
    const std::string& socket() const { return socketPath; }
    int pid() const { return child; }

    /// Whether the process is still running.
    bool running();

    /// SIGTERM, then waits; returns the exit status (or -1 if it had to be killed).
    int terminate();

    /// Waits for the process to exit by itself; returns its exit status, or -1 on timeout.
    int waitForExit(int timeoutMs);

private:
    std::string socketPath;
    std::string readyLine;
    int child = -1;
    int exitStatus = -1;
};

} // namespace loophole::signal::testing
