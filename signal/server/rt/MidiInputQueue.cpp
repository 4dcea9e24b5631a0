#include "rt/MidiInputQueue.h"

namespace loophole::signal {

void MidiInputQueue::push(const juce::MidiMessage& message)
{
    const int size = message.getRawDataSize();
    if (size <= 0 || size > kMaxBytes || message.isSysEx())
        return;
    const juce::SpinLock::ScopedLockType lock(producers);
    const auto scope = fifo.write(1);
    if (scope.blockSize1 + scope.blockSize2 == 0)
        return; // full: the audio thread is not draining, so older events matter more
    auto& event = events[size_t(scope.blockSize1 > 0 ? scope.startIndex1 : scope.startIndex2)];
    std::memcpy(event.bytes, message.getRawData(), size_t(size));
    event.size = uint8_t(size);
}

void MidiInputQueue::drainInto(juce::MidiBuffer& block) noexcept
{
    const auto scope = fifo.read(fifo.getNumReady());
    auto add = [&](int start, int count) {
        for (int i = start; i < start + count; ++i)
            block.addEvent(events[size_t(i)].bytes, events[size_t(i)].size, 0);
    };
    add(scope.startIndex1, scope.blockSize1);
    add(scope.startIndex2, scope.blockSize2);
}

} // namespace loophole::signal
