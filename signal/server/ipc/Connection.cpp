#include "ipc/Connection.h"

#include <cerrno>
#include <sys/socket.h>

namespace loophole::signal {

void Connection::enqueueLocked(ipc::FrameT& frame)
{
    frame.seq = nextSeq++;
    auto bytes = contract::encodeFrame(frame);
    outputBytes += bytes.size();
    output.push_back(std::move(bytes));
}

void Connection::send(ipc::FrameT& frame)
{
    if (isClosed())
        return;
    std::lock_guard lock(mutex);
    enqueueLocked(frame);
    if (outputBytes > kMaxBacklogBytes)
        closed.store(true);
}

bool Connection::offerTelemetry(ipc::FrameT& frame)
{
    if (isClosed())
        return false;
    std::lock_guard lock(mutex);
    if (output.size() >= kTelemetryBacklog)
        return false;
    enqueueLocked(frame);
    return true;
}

void Connection::sendError(uint64_t replyTo, ipc::ErrorCode code, std::string message, std::string field)
{
    auto error = std::make_unique<ipc::ErrorT>();
    error->code = code;
    error->message = std::move(message);
    error->field = std::move(field);
    ipc::FrameT frame;
    frame.reply_to = replyTo;
    frame.body.type = ipc::Body::Error;
    frame.body.value = error.release();
    send(frame);
}

bool Connection::hasOutput() const
{
    std::lock_guard lock(mutex);
    return ! output.empty();
}

bool Connection::writeSome()
{
    std::lock_guard lock(mutex);
    while (! output.empty()) {
        const auto& bytes = output.front();
        const ssize_t sent = ::send(fd, bytes.data() + frontWritten, bytes.size() - frontWritten,
                                    MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        frontWritten += size_t(sent);
        if (frontWritten < bytes.size())
            return true;
        outputBytes -= bytes.size();
        output.pop_front();
        frontWritten = 0;
    }
    return true;
}

} // namespace loophole::signal
