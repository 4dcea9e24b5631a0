#include "control/HostProcess.h"

#include <juce_core/juce_core.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace loophole::signal::sandbox {

std::string hostExecutablePath()
{
    if (const char* env = std::getenv("LOOPHOLE_PLUGIN_HOST"); env != nullptr && *env != '\0')
        return env;
    const auto beside = juce::File::getSpecialLocation(juce::File::currentExecutableFile)
                            .getSiblingFile("loophole-plugin-host");
    if (beside.existsAsFile())
        return beside.getFullPathName().toStdString();
    return LOOPHOLE_PLUGIN_HOST_BUILT_AT;
}

std::shared_ptr<HostProcess> HostProcess::start(const HostLaunch& launch, std::string& error)
{
    const std::string executable = launch.executable.empty() ? hostExecutablePath() : launch.executable;
    if (::access(executable.c_str(), X_OK) != 0)
    {
        error = "the plugin host program is missing: " + executable;
        return nullptr;
    }
    int ends[2] {};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    {
        error = std::string("could not make the plugin host's control channel: ") + std::strerror(errno);
        return nullptr;
    }
    // Everything the child needs is built before fork: after it, only async-signal-safe calls.
    const std::string fdText = std::to_string(ends[1]);
    std::vector<std::string> args { executable, "--control-fd", fdText };
    if (! launch.cacheFile.empty())
        args.insert(args.end(), { "--cache", launch.cacheFile });
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();

    const pid_t child = ::fork();
    if (child < 0)
    {
        error = std::string("could not start the plugin host: ") + std::strerror(errno);
        ::close(ends[0]);
        ::close(ends[1]);
        return nullptr;
    }
    if (child == 0)
    {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1); // the engine died before the line above took effect
        ::fcntl(ends[1], F_SETFD, 0); // this end, and only this one, survives exec
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(ends[1]);
    return std::shared_ptr<HostProcess>(new HostProcess(child, ends[0]));
}

HostProcess::HostProcess(pid_t pid, int socket) : pid_(pid), socket_(socket)
{
    watcher_ = std::thread([this] { watch(); });
}

HostProcess::~HostProcess()
{
    ::shutdown(socket_, SHUT_RDWR); // the host's control thread sees EOF and unloads its plugins
    for (int i = 0; i < 200 && ! exited(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (! exited())
        ::kill(pid_, SIGKILL);
    watcher_.join();
    ::close(socket_);
}

void HostProcess::watch()
{
    int status = 0;
    pid_t got = -1;
    do
        got = ::waitpid(pid_, &status, 0);
    while (got < 0 && errno == EINTR);

    std::string reason;
    if (got != pid_)
        reason = "lost track of the plugin host process";
    else if (WIFSIGNALED(status))
        reason = std::string("killed by ") + (sigabbrev_np(WTERMSIG(status)) ? "SIG" + std::string(sigabbrev_np(WTERMSIG(status))) : std::to_string(WTERMSIG(status)));
    else
        reason = "exited with status " + std::to_string(WEXITSTATUS(status));
    {
        std::lock_guard lock(reasonMutex_);
        reason_ = "plugin host (pid " + std::to_string(pid_) + ") " + reason;
    }
    exited_.store(true, std::memory_order_release);
}

std::string HostProcess::exitReason() const
{
    std::lock_guard lock(reasonMutex_);
    return reason_;
}

void HostProcess::kill()
{
    if (! exited())
        ::kill(pid_, SIGKILL);
    while (! exited())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::optional<ControlMessage> HostProcess::request(const ControlMessage& message, int timeoutMs, std::string& error)
{
    std::lock_guard lock(requestMutex_);
    if (exited())
    {
        error = exitReason();
        return std::nullopt;
    }
    if (unanswered_)
    {
        error = "the plugin host stopped answering control requests; reload the plugin";
        return std::nullopt;
    }
    if (! sendMessage(socket_, message, error))
        return std::nullopt;
    auto answer = receiveMessage(socket_, timeoutMs, error);
    // A late reply would be taken for the next request's: this channel is done.
    unanswered_ = ! answer.has_value();
    if (answer && answer->fd >= 0)
    {
        ::close(answer->fd); // replies never carry one
        answer->fd = -1;
    }
    if (! answer && exited())
        error = exitReason();
    return answer;
}

} // namespace loophole::signal::sandbox
