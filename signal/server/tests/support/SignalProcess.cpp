#include "SignalProcess.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace loophole::signal::testing {

std::string uniqueSocketPath(const std::string& tag)
{
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path()
                   / ("lsrv-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    return (dir / (tag + ".sock")).string();
}

SignalProcess::SignalProcess(const std::string& path, std::vector<std::string> arguments,
                             std::vector<std::string> extraEnvironment)
    : socketPath(path)
{
    int out[2];
    if (::pipe(out) != 0)
        return;

    std::vector<std::string> args { LOOPHOLE_SIGNAL_BINARY, "--socket", socketPath };
    args.insert(args.end(), arguments.begin(), arguments.end());

    child = ::fork();
    if (child == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        for (auto& entry : extraEnvironment)
            ::putenv(entry.data());
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);

    // Wait up to 30 s for the one line that says it is ready.
    std::string buffer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p { out[0], POLLIN, 0 };
        if (::poll(&p, 1, 100) <= 0)
            continue;
        char chunk[512];
        const ssize_t got = ::read(out[0], chunk, sizeof(chunk));
        if (got <= 0)
            break;
        buffer.append(chunk, size_t(got));
        if (const auto end = buffer.find('\n'); end != std::string::npos) {
            const auto start = buffer.rfind("loophole-signal: listening on", end);
            if (start != std::string::npos) {
                readyLine = buffer.substr(start, end - start);
                break;
            }
            buffer.erase(0, end + 1);
        }
    }
    // Keep draining stdout in the background so the child never blocks on a full pipe.
    std::thread([fd = out[0]] {
        char sink[512];
        while (::read(fd, sink, sizeof(sink)) > 0) {}
        ::close(fd);
    }).detach();
}

SignalProcess::~SignalProcess()
{
    terminate();
}

bool SignalProcess::running()
{
    if (child <= 0)
        return false;
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) {
        exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        child = -1;
        return false;
    }
    return true;
}

int SignalProcess::waitForExit(int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 10) {
        if (! running())
            return exitStatus;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
}

int SignalProcess::terminate()
{
    if (! running())
        return exitStatus;
    ::kill(child, SIGTERM);
    if (waitForExit(10000) >= 0)
        return exitStatus;
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    child = -1;
    return -1;
}

} // namespace loophole::signal::testing
