#include "control/content/ClipStreamer.h"

#include <chrono>

namespace loophole::signal {

ClipStreamer::ClipStreamer() : thread([this] { run(); }) {}

ClipStreamer::~ClipStreamer()
{
    stopping = true;
    thread.join();
}

void ClipStreamer::setStreams(std::vector<std::shared_ptr<ClipStream>> next)
{
    std::vector<std::shared_ptr<ClipStream>> old;
    {
        std::lock_guard lock(mutex);
        old.swap(streams);
        streams = std::move(next);
    }
    // `old` is released here, outside the lock.
}

void ClipStreamer::run()
{
    while (!stopping)
    {
        int work = 0;
        {
            std::lock_guard lock(mutex);
            for (auto& stream : streams)
                work += stream->fill(8192);
        }
        if (work == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace loophole::signal
