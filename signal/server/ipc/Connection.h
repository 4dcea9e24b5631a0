// One client on the socket: its handshake state, the frames it owes us, and the frames we
// owe it. Any thread may send; only the hub's I/O thread reads and writes the socket.
#pragma once

#include "loophole/contract/Framing.h"
#include "loophole/ipc/frame_generated.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace loophole::signal {

class Connection
{
public:
    Connection(uint64_t id, int fd) : id(id), fd(fd) {}

    const uint64_t id;
    const int fd;

    /// Replies and events: always queued, unless the client has stopped reading for so
    /// long that its backlog passes kMaxBacklogBytes, which closes the connection.
    void send(ipc::FrameT& frame);

    /// Telemetry: dropped when frames are still waiting, so a slow client sees fewer
    /// frames instead of an ever-growing delay. Returns whether it was queued.
    bool offerTelemetry(ipc::FrameT& frame);

    /// Answers `command` with an Error frame.
    void sendError(uint64_t replyTo, ipc::ErrorCode code, std::string message, std::string field = {});

    bool hasOutput() const;
    bool isClosed() const { return closed.load(); }
    void close() { closed.store(true); }
    void closeAfterFlush() { closing.store(true); }
    bool wantsClose() const { return closing.load(); }

    /// I/O thread: writes what the (non-blocking) socket accepts now. False when the
    /// socket failed and the connection is over.
    bool writeSome();

    contract::FrameReader reader;  // I/O thread only
    std::atomic<bool> greeted { false }; // Hello accepted

    std::atomic<float> telemetryHz { 0.0f }; // 0 = not subscribed

    static constexpr size_t kTelemetryBacklog = 4;
    static constexpr size_t kMaxBacklogBytes = 64u * 1024u * 1024u;

private:
    void enqueueLocked(ipc::FrameT& frame);

    mutable std::mutex mutex;
    std::deque<std::vector<uint8_t>> output;
    size_t outputBytes = 0;
    size_t frontWritten = 0; // bytes of output.front() already on the socket
    uint64_t nextSeq = 1;
    std::atomic<bool> closed { false };
    std::atomic<bool> closing { false };
};

} // namespace loophole::signal
