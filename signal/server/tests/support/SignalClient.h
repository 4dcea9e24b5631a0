// A test's side of the socket: connects, speaks frames, waits for replies.
#pragma once

#include "loophole/contract/Framing.h"
#include "loophole/ipc/frame_generated.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loophole::signal::testing {

using namespace std::chrono_literals;

class SignalClient
{
public:
    explicit SignalClient(const std::string& socketPath);
    ~SignalClient();

    bool connected() const { return fd >= 0; }

    /// Sends a frame with the next seq; returns that seq.
    uint64_t send(ipc::FrameT frame);
    void sendRaw(const std::vector<uint8_t>& bytes);

    /// The next frame, or nothing after `timeout` (or when the server closed the socket).
    std::unique_ptr<ipc::FrameT> receive(std::chrono::milliseconds timeout = 5s);

    /// The first frame matching `wanted`; frames before it are skipped.
    std::unique_ptr<ipc::FrameT> waitFor(const std::function<bool(const ipc::FrameT&)>& wanted,
                                         std::chrono::milliseconds timeout = 5s);

    /// Sends and waits for the reply (reply_to == its seq).
    std::unique_ptr<ipc::FrameT> request(ipc::FrameT frame, std::chrono::milliseconds timeout = 10s);

    /// Hello with the current protocol version; returns the reply.
    std::unique_ptr<ipc::FrameT> hello(uint16_t major, uint16_t minor = 0);
    bool handshake();

    /// True once the server has closed the connection.
    bool closedByPeer(std::chrono::milliseconds timeout = 2s);

    template <typename Body>
    static ipc::FrameT frameOf(Body body)
    {
        ipc::FrameT frame;
        frame.body.Set(std::move(body));
        return frame;
    }

private:
    int fd = -1;
    uint64_t nextSeq = 1;
    bool peerClosed = false;
    contract::FrameReader reader;
};

} // namespace loophole::signal::testing
