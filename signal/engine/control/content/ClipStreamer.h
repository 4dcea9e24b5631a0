// The background thread that keeps every clip stream of the live plan filled ahead of the
// play position. The audio thread never waits for it; it only finds data there or not.
#pragma once

#include "rt/content/ClipStream.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace loophole::signal {

class ClipStreamer
{
public:
    ClipStreamer();
    ~ClipStreamer();

    /// The streams to keep filled from now on (control thread).
    void setStreams(std::vector<std::shared_ptr<ClipStream>> streams);

private:
    void run();

    std::mutex mutex;
    std::vector<std::shared_ptr<ClipStream>> streams;
    std::atomic<bool> stopping{false};
    std::thread thread;
};

} // namespace loophole::signal
