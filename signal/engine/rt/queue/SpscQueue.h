// A bounded single-producer single-consumer queue of trivially copyable items, built on
// juce::AbstractFifo. Storage is allocated once at construction; push and pop never allocate.
#pragma once

#include <juce_core/juce_core.h>

#include <type_traits>
#include <vector>

namespace loophole::signal {

template <typename T>
class SpscQueue
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    explicit SpscQueue(int capacity) : fifo(capacity + 1), items(static_cast<size_t>(capacity + 1)) {}

    bool push(const T& item) noexcept
    {
        auto scope = fifo.write(1);
        if (scope.blockSize1 + scope.blockSize2 != 1)
            return false;
        items[static_cast<size_t>(scope.blockSize1 == 1 ? scope.startIndex1 : scope.startIndex2)] = item;
        return true;
    }

    bool pop(T& item) noexcept
    {
        auto scope = fifo.read(1);
        if (scope.blockSize1 + scope.blockSize2 != 1)
            return false;
        item = items[static_cast<size_t>(scope.blockSize1 == 1 ? scope.startIndex1 : scope.startIndex2)];
        return true;
    }

    int size() const noexcept { return fifo.getNumReady(); }

private:
    juce::AbstractFifo fifo;
    std::vector<T> items;
};

} // namespace loophole::signal
