// How the host tells the engine a block is done, and how the engine learns the host died.
// The engine does not sleep on `done` but on `hostLife`, the word the host's block thread owns
// through its robust futex list (rt/RobustClaim.h): the host wakes it after publishing `done`,
// and the kernel wakes it when that thread dies (kill -9, a crash, any exit), marking the word
// FUTEX_OWNER_DIED before the dying process's memory goes. So a dead host ends the engine's
// wait at once instead of at its deadline, with no thread of the engine's in between.
//
// Lost wakes: the host changes the word only to clear FUTEX_WAITERS, so the engine sets that
// bit before it sleeps and looks at `done` once more after setting it; the host publishes
// `done` before it clears the bit, and wakes the word only when the bit was set.
#pragma once

#include "exchange/BlockExchange.h"

#include <cstdint>
#include <ctime>

namespace loophole::signal::sandbox {

enum class DoneWait : uint8_t {
    Done,     // `done` reached the block asked for
    Late,     // the deadline passed first
    HostDied, // the host's block thread died (the kernel marked hostLife)
};

/// Engine (audio thread, or an offline render): waits until `done` reaches `asked`, the host
/// dies or the deadline (CLOCK_MONOTONIC) passes. No allocation, no lock; the only syscall is
/// the futex wait. With `spinNs` > 0 it first watches `done` without sleeping for that long (at
/// most until the deadline): a host that answers within it is seen without a wake-up.
DoneWait waitForDone(BlockHeader& header, uint32_t asked, const timespec& deadline, int64_t spinNs = 0) noexcept;

/// True when the kernel has marked the host's block thread dead. Audio-thread safe.
bool hostDied(const BlockHeader& header) noexcept;

/// Host: publishes block `answered` and wakes the engine if it sleeps.
void publishDone(BlockHeader& header, uint32_t answered) noexcept;

} // namespace loophole::signal::sandbox
