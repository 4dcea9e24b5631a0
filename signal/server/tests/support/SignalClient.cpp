#include "SignalClient.h"

#include "loophole/ipc/ProtocolVersion.h"

#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace loophole::signal::testing {

SignalClient::SignalClient(const std::string& socketPath)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socketPath.c_str(), sizeof(address.sun_path) - 1);
    fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(fd);
        fd = -1;
    }
}

SignalClient::~SignalClient()
{
    if (fd >= 0)
        ::close(fd);
}

uint64_t SignalClient::send(ipc::FrameT frame)
{
    frame.seq = nextSeq++;
    sendRaw(contract::encodeFrame(frame));
    return frame.seq;
}

void SignalClient::sendRaw(const std::vector<uint8_t>& bytes)
{
    size_t offset = 0;
    while (offset < bytes.size()) {
        const ssize_t sent = ::send(fd, bytes.data() + offset, bytes.size() - offset, MSG_NOSIGNAL);
        if (sent <= 0)
            return;
        offset += size_t(sent);
    }
}

std::unique_ptr<ipc::FrameT> SignalClient::receive(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        std::string error;
        if (auto wire = reader.next(error)) {
            const auto* frame = contract::verifyFrame(*wire, error);
            if (frame == nullptr)
                return nullptr;
            return std::unique_ptr<ipc::FrameT>(frame->UnPack());
        }
        if (peerClosed)
            return nullptr;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return nullptr;
        pollfd p { fd, POLLIN, 0 };
        if (::poll(&p, 1, int(left.count())) <= 0)
            return nullptr;
        uint8_t chunk[65536];
        const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
        if (got <= 0) {
            peerClosed = true;
            continue;
        }
        reader.append({ chunk, size_t(got) });
    }
}

std::unique_ptr<ipc::FrameT> SignalClient::waitFor(const std::function<bool(const ipc::FrameT&)>& wanted,
                                                   std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        auto frame = receive(std::max(left, std::chrono::milliseconds(1)));
        if (frame == nullptr) {
            if (peerClosed)
                return nullptr;
            continue;
        }
        if (wanted(*frame))
            return frame;
    }
    return nullptr;
}

std::unique_ptr<ipc::FrameT> SignalClient::request(ipc::FrameT frame, std::chrono::milliseconds timeout)
{
    const uint64_t seq = send(std::move(frame));
    return waitFor([seq](const ipc::FrameT& f) { return f.reply_to == seq; }, timeout);
}

std::unique_ptr<ipc::FrameT> SignalClient::hello(uint16_t major, uint16_t minor)
{
    ipc::HelloT hello;
    hello.protocol_major = major;
    hello.protocol_minor = minor;
    hello.peer = "server_tests";
    return request(frameOf(std::move(hello)));
}

bool SignalClient::handshake()
{
    auto reply = hello(ipc::kProtocolMajor, ipc::kProtocolMinor);
    return reply != nullptr && reply->body.type == ipc::Body::Welcome;
}

bool SignalClient::closedByPeer(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (! peerClosed && std::chrono::steady_clock::now() < deadline)
        receive(std::chrono::milliseconds(50));
    return peerClosed;
}

} // namespace loophole::signal::testing
