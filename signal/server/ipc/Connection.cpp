#include "ipc/Connection.h"

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
    if (output.size() >= kTelemetryBacklog) {
        droppedTelemetry.fetch_add(1);
        return false;
    }
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

std::deque<std::vector<uint8_t>> Connection::takeOutput()
{
    std::lock_guard lock(mutex);
    outputBytes = 0;
    return std::exchange(output, {});
}

void Connection::putBack(std::deque<std::vector<uint8_t>> unsent)
{
    std::lock_guard lock(mutex);
    for (const auto& bytes : unsent)
        outputBytes += bytes.size();
    for (auto& bytes : output)
        unsent.push_back(std::move(bytes));
    output = std::move(unsent);
}

} // namespace loophole::signal
