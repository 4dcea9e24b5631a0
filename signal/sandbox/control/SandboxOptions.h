// How sandboxed inserts behave when their host is late or gone.
#pragma once

#include <cstdint>

namespace loophole::signal::sandbox {

enum class FaultOutput : uint8_t {
    Silence,     // a failed block outputs silence (and no MIDI)
    PassThrough, // a failed block outputs its input unchanged
};

struct SandboxOptions
{
    /// The audio thread waits at most this share of a block's duration for the host...
    double deadlineShare = 0.5;
    /// ...but never less than this, so tiny blocks still leave the host time to wake up.
    int64_t minimumDeadlineNs = 250'000;
    /// Real-time blocks: how long the audio thread watches for the host's answer before it
    /// sleeps on the futex (0: sleep at once). Offline renders never spin. A pass-through host
    /// answers in a few µs; a sleeping SCHED_FIFO audio thread is woken 70-130 µs later on our
    /// 2-vCPU machines (bench_sandbox, LOOPHOLE_BENCH_AUDIO_PRIORITY=65), so a short spin saves
    /// that wake for quick plugins and costs at most this much CPU a block for slow ones.
    int64_t spinBeforeWaitNs = 25'000;
    FaultOutput faultOutput = FaultOutput::Silence;
    /// Consecutive missed deadlines after which the plugin is reported Hung.
    uint32_t hungAfterMisses = 8;
    /// Offline renders wait for every block without the real-time deadline (a slow plugin must
    /// not turn into silence in a bounce), but give up on a host after this long per block, so
    /// a hung one fails the render instead of holding it forever.
    bool offline = false;
    int offlineBlockTimeoutMs = 10'000;
    int loadTimeoutMs = 30'000;
    int stateTimeoutMs = 5'000;
};

} // namespace loophole::signal::sandbox
