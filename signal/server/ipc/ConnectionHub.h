// The socket side of the server: one I/O thread that accepts clients, reassembles and
// verifies their frames, and writes what other threads queued for them. A client that
// stalls, disconnects mid-frame or sends garbage only ever affects its own connection.
#pragma once

#include "ipc/Connection.h"

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace loophole::signal {

class ConnectionHub
{
public:
    /// Called on the I/O thread with each verified frame; `wire` owns the bytes `frame` points into.
    using FrameHandler = std::function<void(const std::shared_ptr<Connection>&,
                                            const ipc::Frame& frame,
                                            std::shared_ptr<const std::vector<uint8_t>> wire)>;

    ConnectionHub(int listeningFd, FrameHandler handler);
    ~ConnectionHub();

    void start();
    void stop();

    /// Makes the I/O thread look at queued output now.
    void wake();

    std::vector<std::shared_ptr<Connection>> connections() const;
    void broadcast(const std::function<void(Connection&)>& send);

private:
    void run();
    void acceptClients();
    void readFrom(const std::shared_ptr<Connection>&);
    void writeTo(Connection&);
    void handleWireFrame(const std::shared_ptr<Connection>&, std::vector<uint8_t> wire);

    const int listenFd;
    const int wakeFd;
    FrameHandler handler;
    std::thread thread;
    std::atomic<bool> running { false };

    mutable std::mutex connectionsMutex;
    std::vector<std::shared_ptr<Connection>> clients;
    uint64_t nextId = 1;
};

} // namespace loophole::signal
