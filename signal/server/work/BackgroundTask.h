// One slot for a long job (a render, a plugin scan) that must not hold up the commands
// behind it. A second job while one runs is refused, so the caller can answer Busy.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace loophole::signal {

class BackgroundTask
{
public:
    ~BackgroundTask() { join(); }

    /// Starts `job` on its own thread unless one is still running.
    bool tryStart(std::function<void(const std::atomic<bool>& cancelled)> job)
    {
        std::lock_guard lock(mutex);
        if (busy)
            return false;
        if (worker.joinable())
            worker.join();
        busy = true;
        cancelled = false;
        worker = std::thread([this, job = std::move(job)] {
            job(cancelled);
            busy = false;
        });
        return true;
    }

    bool isRunning() const { return busy.load(); }
    void cancel() { cancelled = true; }

    void join()
    {
        cancel();
        std::lock_guard lock(mutex);
        if (worker.joinable())
            worker.join();
    }

private:
    std::mutex mutex;
    std::thread worker;
    std::atomic<bool> busy { false };
    std::atomic<bool> cancelled { false };
};

} // namespace loophole::signal
