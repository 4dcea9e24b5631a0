// rtcheck: catches real-time violations (allocation, locks, sleeping, file I/O) made on
// threads that declared themselves audio threads. Linking loophole_rtcheck interposes the
// C library and operator new/delete; threads that are not marked are never counted.
#pragma once

#include <cstdint>
#include <string>

namespace loophole::rtcheck {

enum class Violation : int { Allocation = 0, Deallocation, Lock, Wait, Sleep, FileIo, Count };

const char* nameOf(Violation kind) noexcept;

/// Marks the current thread as an audio thread for its lifetime (nests).
class ScopedAudioThread
{
public:
    ScopedAudioThread() noexcept;
    ~ScopedAudioThread();
    ScopedAudioThread(const ScopedAudioThread&) = delete;
    ScopedAudioThread& operator=(const ScopedAudioThread&) = delete;
};

bool isAudioThread() noexcept;

/// Violations of one kind since the last reset, over all threads.
uint64_t violations(Violation kind) noexcept;
uint64_t totalViolations() noexcept;
void resetViolations() noexcept;

/// "Allocation=3 Lock=1", for test failure messages.
std::string describeViolations();

/// False when the build cannot interpose (sanitizer builds); tests skip themselves then.
bool isActive() noexcept;

namespace detail {
void record(Violation kind) noexcept;
}

} // namespace loophole::rtcheck
