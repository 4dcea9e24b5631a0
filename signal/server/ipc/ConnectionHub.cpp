#include "ipc/ConnectionHub.h"

#include <cerrno>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace loophole::signal {

ConnectionHub::ConnectionHub(int listeningFd, FrameHandler frameHandler)
    : listenFd(listeningFd),
      wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      handler(std::move(frameHandler))
{
}

ConnectionHub::~ConnectionHub()
{
    stop();
    ::close(wakeFd);
    ::close(listenFd);
}

void ConnectionHub::start()
{
    running = true;
    thread = std::thread([this] { run(); });
}

void ConnectionHub::stop()
{
    if (! running.exchange(false))
        return;
    wake();
    if (thread.joinable())
        thread.join();
    std::lock_guard lock(connectionsMutex);
    for (auto& client : clients) {
        client->close();
        ::close(client->fd);
    }
    clients.clear();
}

void ConnectionHub::wake()
{
    const uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wakeFd, &one, sizeof(one));
}

std::vector<std::shared_ptr<Connection>> ConnectionHub::connections() const
{
    std::lock_guard lock(connectionsMutex);
    return clients;
}

void ConnectionHub::broadcast(const std::function<void(Connection&)>& send)
{
    for (auto& client : connections())
        if (client->greeted && ! client->isClosed())
            send(*client);
    wake();
}

void ConnectionHub::run()
{
    std::vector<pollfd> fds;
    std::vector<std::shared_ptr<Connection>> polled;
    while (running) {
        polled = connections();
        fds.assign({ { listenFd, POLLIN, 0 }, { wakeFd, POLLIN, 0 } });
        for (auto& client : polled)
            fds.push_back({ client->fd, short(POLLIN | (client->hasOutput() ? POLLOUT : 0)), 0 });

        if (::poll(fds.data(), fds.size(), 500) < 0 && errno != EINTR)
            break;

        if (fds[1].revents & POLLIN) {
            uint64_t count;
            [[maybe_unused]] auto drained = ::read(wakeFd, &count, sizeof(count));
        }
        if (fds[0].revents & POLLIN)
            acceptClients();

        for (size_t i = 0; i < polled.size(); ++i) {
            auto& client = polled[i];
            const short events = fds[i + 2].revents;
            if (events & (POLLIN | POLLHUP | POLLERR))
                readFrom(client);
            if (! client->isClosed())
                writeTo(*client);
        }

        std::lock_guard lock(connectionsMutex);
        std::erase_if(clients, [](const std::shared_ptr<Connection>& client) {
            if (! client->isClosed())
                return false;
            ::close(client->fd);
            return true;
        });
    }
}

void ConnectionHub::acceptClients()
{
    for (;;) {
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        std::lock_guard lock(connectionsMutex);
        clients.push_back(std::make_shared<Connection>(nextId++, fd));
    }
}

void ConnectionHub::readFrom(const std::shared_ptr<Connection>& client)
{
    uint8_t chunk[64 * 1024];
    // A bounded share per poll round, so one flooding client cannot starve the others.
    for (int round = 0; round < 16; ++round) {
        const ssize_t got = ::recv(client->fd, chunk, sizeof(chunk), 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            client->close(); // gone, possibly mid-frame: what it sent so far is discarded
            return;
        }
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (client->wantsClose())
            continue; // the stream is unusable; drain and drop until the close
        client->reader.append({ chunk, size_t(got) });

        std::string error;
        while (auto wire = client->reader.next(error))
            handleWireFrame(client, std::move(*wire));
        if (! error.empty()) {
            client->sendError(0, ipc::ErrorCode::MalformedFrame, error + "; closing the connection");
            client->closeAfterFlush();
            return;
        }
    }
}

void ConnectionHub::handleWireFrame(const std::shared_ptr<Connection>& client, std::vector<uint8_t> wire)
{
    std::string error;
    const ipc::Frame* frame = contract::verifyFrame(wire, error);
    if (frame == nullptr) {
        client->sendError(0, ipc::ErrorCode::MalformedFrame, error);
        return;
    }
    auto owned = std::make_shared<const std::vector<uint8_t>>(std::move(wire));
    handler(client, *ipc::GetSizePrefixedFrame(owned->data()), owned);
}

void ConnectionHub::writeTo(Connection& client)
{
    if (! client.writeSome())
        client.close();
    else if (client.wantsClose() && ! client.hasOutput())
        client.close();
}

} // namespace loophole::signal
