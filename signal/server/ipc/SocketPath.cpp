#include "ipc/SocketPath.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace loophole::signal {

namespace {

std::string systemError(const std::string& what, const std::string& path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

bool makePrivateDirectory(const std::string& dir, std::string& error)
{
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        error = systemError("cannot create directory", dir);
        return false;
    }
    struct stat info {};
    if (::lstat(dir.c_str(), &info) != 0 || ! S_ISDIR(info.st_mode)) {
        error = "socket directory " + dir + " is not a directory";
        return false;
    }
    // Someone else's directory could let them replace our socket.
    if (info.st_uid != ::getuid()) {
        error = "socket directory " + dir + " belongs to another user";
        return false;
    }
    if ((info.st_mode & 0777) != 0700 && ::chmod(dir.c_str(), 0700) != 0) {
        error = systemError("cannot make private", dir);
        return false;
    }
    return true;
}

bool someoneListensOn(const sockaddr_un& address)
{
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return false;
    const bool live = ::connect(probe, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    ::close(probe);
    return live;
}

} // namespace

std::string defaultSocketPath()
{
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime != nullptr && *runtime != '\0')
        return std::string(runtime) + "/loophole/signal.sock";
    return "/tmp/loophole-" + std::to_string(::getuid()) + "/signal.sock";
}

int listenOnUnixSocket(const std::string& path, std::string& error)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (path.empty() || path.size() >= sizeof(address.sun_path)) {
        error = "socket path must be 1.." + std::to_string(sizeof(address.sun_path) - 1)
              + " characters long: " + path;
        return -1;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);

    if (const auto slash = path.rfind('/'); slash != std::string::npos && slash > 0)
        if (! makePrivateDirectory(path.substr(0, slash), error))
            return -1;

    struct stat existing {};
    if (::lstat(path.c_str(), &existing) == 0) {
        if (! S_ISSOCK(existing.st_mode)) {
            error = path + " exists and is not a socket";
            return -1;
        }
        if (someoneListensOn(address)) {
            error = "another server is already listening on " + path;
            return -1;
        }
        ::unlink(path.c_str());
    }

    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = systemError("cannot create socket for", path);
        return -1;
    }
    // The umask closes the window between bind and chmod.
    const mode_t previousMask = ::umask(0177);
    const int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    ::umask(previousMask);
    if (bound != 0 || ::chmod(path.c_str(), 0600) != 0 || ::listen(fd, 16) != 0) {
        error = systemError("cannot listen on", path);
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace loophole::signal
