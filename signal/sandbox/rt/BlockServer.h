// The host process's half of a block exchange: one thread per hosted instance sleeps on
// the region's `request` word, processes the block in place through the plugin, and
// publishes `done`. The plugin's InsertProcessor sees exactly the InsertContext the engine
// built, only with its buffers living in shared memory. The thread owns the region's
// `hostLife` word for as long as it serves (rt/RobustClaim.h), so its death wakes the engine.
#pragma once

#include "exchange/BlockExchange.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <atomic>
#include <future>
#include <thread>

namespace loophole::signal::sandbox {

class BlockServer
{
public:
    /// Starts serving at once. `insert` and the region must outlive the server.
    BlockServer(InsertProcessor& insert, void* regionBase, uint32_t maxBlock);
    ~BlockServer(); // stops and joins

    BlockServer(const BlockServer&) = delete;
    BlockServer& operator=(const BlockServer&) = delete;

private:
    void serve(std::promise<void>& claimed) noexcept;
    void processOne() noexcept;

    InsertProcessor& insert_;
    void* base_;
    BlockLayout layout_;
    juce::AudioBuffer<float> audio_;
    juce::AudioBuffer<float> sidechain_;
    juce::MidiBuffer midi_;
    std::atomic<bool> stopping_ { false };
    std::thread thread_;
};

} // namespace loophole::signal::sandbox
