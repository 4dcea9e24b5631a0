// A private jackd (dummy driver, 48 kHz, 64 frames) for one test, killed when the test
// ends, and what it logged about xruns.
#pragma once

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace loophole::signal::testing {

/// A private jackd for one test, killed when the test ends.
class JackServer
{
public:
    explicit JackServer(const std::string& serverName)
        : name(serverName), log(std::filesystem::temp_directory_path() / (serverName + ".log"))
    {
        child = ::fork();
        if (child == 0) {
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            ::setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
            // -P 70: the usual real-time priority of an audio workstation's JACK server
            // (its clients run a little below), rather than jackd's default of 10.
            ::execlp("jackd", "jackd", "-n", name.c_str(), "-P", "70", "-d", "dummy", "-r", "48000", "-p", "64",
                     static_cast<char*>(nullptr));
            ::_exit(127);
        }
    }

    ~JackServer()
    {
        std::filesystem::remove(log);
        if (child <= 0)
            return;
        ::kill(child, SIGTERM);
        for (int i = 0; i < 300; ++i) {
            if (::waitpid(child, nullptr, WNOHANG) == child)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }

    bool alive() { return child > 0 && ::waitpid(child, nullptr, WNOHANG) == 0; }

    /// How many xruns jackd itself has logged so far (late driver cycles, late clients).
    int loggedXruns() const
    {
        std::ifstream in(log);
        int count = 0;
        for (std::string line; std::getline(in, line);)
            count += line.find("XRun") != std::string::npos ? 1 : 0;
        return count;
    }

    /// jackd's xruns by whose lateness they were.
    struct XrunKinds
    {
        int driverLate = 0;   // jackd's own timer woke late ("JackTimedDriver::Process XRun")
        int notStarted = 0;   // `client` was signalled but not yet scheduled when the cycle ended
        int stillRunning = 0; // `client` was inside its callback when the cycle ended
    };
    XrunKinds xrunKinds(const std::string& client) const
    {
        std::ifstream in(log);
        XrunKinds kinds;
        const std::string late = "client = " + client + " was not finished";
        for (std::string line; std::getline(in, line);) {
            kinds.driverLate += line.find("JackTimedDriver::Process XRun") != std::string::npos ? 1 : 0;
            if (line.find(late) != std::string::npos) {
                kinds.notStarted += line.find("state = Triggered") != std::string::npos ? 1 : 0;
                kinds.stillRunning += line.find("state = Running") != std::string::npos ? 1 : 0;
            }
        }
        return kinds;
    }

    const std::string name;
    const std::filesystem::path log;

private:
    pid_t child = -1;
};

} // namespace loophole::signal::testing
