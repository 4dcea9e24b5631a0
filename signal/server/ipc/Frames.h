// Building outgoing frames from object-API bodies.
#pragma once

#include "loophole/ipc/frame_generated.h"

#include <utility>

namespace loophole::signal {

template <typename Body>
ipc::FrameT makeFrame(Body&& body, uint64_t replyTo = 0)
{
    ipc::FrameT frame;
    frame.reply_to = replyTo;
    frame.body.Set(std::forward<Body>(body));
    return frame;
}

} // namespace loophole::signal
