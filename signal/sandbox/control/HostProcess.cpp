#include "control/HostProcess.h"

#include <juce_core/juce_core.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

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
    const std::string fdText = std::to_string(ends[1]);
    const std::string engineText = std::to_string(::getpid());
    std::vector<std::string> args { executable, "--control-fd", fdText, "--engine-pid", engineText };
    if (! launch.cacheFile.empty())
        args.insert(args.end(), { "--cache", launch.cacheFile });
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    // posix_spawn, not fork: glibc starts the child with CLONE_VM | CLONE_VFORK, so the engine's
    // page tables are neither copied nor write-protected. After a fork the audio thread takes
    // copy-on-write faults and waits on the address-space lock until the child has exec'd: that
    // made callbacks overrun their block on every host start (server.SandboxSoak, at ReloadPlugin).
    // The host sets its own parent-death signal (it is given the engine's pid to check).
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, ends[1], ends[1]); // clears close-on-exec for this end only
    posix_spawnattr_t attributes;
    ::posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    ::posix_spawnattr_setsigmask(&attributes, &none); // not whatever the calling thread blocks
    ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    pid_t child = -1;
    const int failed = ::posix_spawn(&child, argv[0], &actions, &attributes, argv.data(), environ);
    ::posix_spawnattr_destroy(&attributes);
    ::posix_spawn_file_actions_destroy(&actions);
    if (failed != 0)
    {
        error = std::string("could not start the plugin host: ") + std::strerror(failed);
        ::close(ends[0]);
        ::close(ends[1]);
        return nullptr;
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

bool HostProcess::awaitExit(std::chrono::milliseconds timeout) const
{
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (! exited() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return exited();
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
