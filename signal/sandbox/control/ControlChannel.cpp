#include "control/ControlChannel.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace loophole::signal::sandbox {

namespace {

struct WireHeader
{
    uint32_t magic;
    uint32_t op;
    uint32_t instance;
    uint32_t ok;
    double sampleRate;
    int32_t maxBlock;
    int32_t number;
    int32_t latency;
    uint32_t textBytes;
    uint32_t payloadBytes;
};

constexpr uint32_t wireMagic = 0x4C504853; // "LPHS"
constexpr uint32_t largestPart = 256u << 20; // a plugin state beyond 256 MB is refused, not read

using Clock = std::chrono::steady_clock;

bool writeAll(int socket, const void* data, size_t size, std::string& error)
{
    const auto* at = static_cast<const uint8_t*>(data);
    while (size > 0)
    {
        const ssize_t n = ::send(socket, at, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            error = std::string("the plugin host's control channel is closed: ") + std::strerror(errno);
            return false;
        }
        at += n;
        size -= size_t(n);
    }
    return true;
}

bool waitReadable(int socket, Clock::time_point deadline, std::string& error)
{
    for (;;)
    {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
        {
            error = "the plugin host did not answer in time";
            return false;
        }
        pollfd p { socket, POLLIN, 0 };
        const int r = ::poll(&p, 1, static_cast<int>(left));
        if (r > 0)
            return true;
        if (r < 0 && errno != EINTR)
        {
            error = std::string("waiting for the plugin host failed: ") + std::strerror(errno);
            return false;
        }
    }
}

bool readAll(int socket, void* data, size_t size, Clock::time_point deadline, std::string& error)
{
    auto* at = static_cast<uint8_t*>(data);
    while (size > 0)
    {
        if (! waitReadable(socket, deadline, error))
            return false;
        const ssize_t n = ::recv(socket, at, size, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            error = "the plugin host closed its control channel";
            return false;
        }
        at += n;
        size -= size_t(n);
    }
    return true;
}

} // namespace

bool sendMessage(int socket, const ControlMessage& message, std::string& error)
{
    const WireHeader header { wireMagic, uint32_t(message.op), message.instance, message.ok ? 1u : 0u,
                              message.sampleRate, message.maxBlock, message.number, message.latency,
                              uint32_t(message.text.size()), uint32_t(message.bytes.size()) };
    iovec part { const_cast<WireHeader*>(&header), sizeof header };
    msghdr msg {};
    msg.msg_iov = &part;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] {};
    if (message.fd >= 0)
    {
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        auto* c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        std::memcpy(CMSG_DATA(c), &message.fd, sizeof(int));
    }
    ssize_t sent = -1;
    do
        sent = ::sendmsg(socket, &msg, MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    if (sent <= 0)
    {
        error = std::string("the plugin host's control channel is closed: ") + std::strerror(errno);
        return false;
    }
    // The descriptor went with the first byte; the rest of the header follows plainly.
    return writeAll(socket, reinterpret_cast<const uint8_t*>(&header) + sent, sizeof header - size_t(sent), error)
        && writeAll(socket, message.text.data(), message.text.size(), error)
        && writeAll(socket, message.bytes.data(), message.bytes.size(), error);
}

std::optional<ControlMessage> receiveMessage(int socket, int timeoutMs, std::string& error)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    if (! waitReadable(socket, deadline, error))
        return std::nullopt;

    WireHeader header {};
    iovec part { &header, sizeof header };
    msghdr msg {};
    msg.msg_iov = &part;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] {};
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t got = -1;
    do
        got = ::recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
    while (got < 0 && errno == EINTR);
    if (got <= 0)
    {
        error = "the plugin host closed its control channel";
        return std::nullopt;
    }
    ControlMessage message;
    for (auto* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            std::memcpy(&message.fd, CMSG_DATA(c), sizeof(int));
    auto dropFd = [&] { if (message.fd >= 0) ::close(message.fd); };

    if (! readAll(socket, reinterpret_cast<uint8_t*>(&header) + got, sizeof header - size_t(got), deadline, error))
    {
        dropFd();
        return std::nullopt;
    }
    if (header.magic != wireMagic || header.textBytes > largestPart || header.payloadBytes > largestPart)
    {
        error = "the plugin host sent a malformed control message";
        dropFd();
        return std::nullopt;
    }
    message.op = ControlOp(header.op);
    message.instance = header.instance;
    message.ok = header.ok != 0;
    message.sampleRate = header.sampleRate;
    message.maxBlock = header.maxBlock;
    message.number = header.number;
    message.latency = header.latency;
    message.text.resize(header.textBytes);
    message.bytes.resize(header.payloadBytes);
    if (! readAll(socket, message.text.data(), message.text.size(), deadline, error)
        || ! readAll(socket, message.bytes.data(), message.bytes.size(), deadline, error))
    {
        dropFd();
        return std::nullopt;
    }
    return message;
}

} // namespace loophole::signal::sandbox
