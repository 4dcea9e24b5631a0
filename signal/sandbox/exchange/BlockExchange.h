// The shared-memory region through which one sandboxed plugin instance processes its blocks.
// The engine writes a block's input (audio, sidechain, MIDI, parameter events, transport),
// bumps `request` and wakes the host; the host processes the block in place and publishes
// `done`. Both processes map the same memfd and are built from the same tree, so the layout
// is plain C++ structs (no serialisation on the audio path).
//
// Ownership of the payload alternates: the engine may write it only while done == request
// (the host is idle), the host only between seeing a new request and publishing done.
#pragma once

#include "rt/graph/InsertProcessor.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace loophole::signal::sandbox {

inline constexpr int maxChannels = 2;           // main bus and sidechain, each at most stereo
inline constexpr uint32_t maxParameterEvents = 512;
inline constexpr uint32_t midiCapacityBytes = 16 * 1024;

/// One MIDI event in the byte area: a header followed by `size` bytes, padded to 4 bytes.
struct MidiEventHeader
{
    int32_t sampleOffset;
    uint32_t size;
};

struct alignas(64) BlockHeader
{
    // The futex words. 32-bit because that is what FUTEX_WAIT compares.
    alignas(64) std::atomic<uint32_t> request { 0 }; // engine: "process block n"
    alignas(64) std::atomic<uint32_t> done { 0 };    // host: "block n is in the buffers"
    // What the engine sleeps on while the host works (rt/DoneSignal.h): the host's block
    // thread's TID, owned through the kernel's robust futex list (rt/RobustClaim.h), so the
    // kernel sets FUTEX_OWNER_DIED and wakes the engine the moment that thread dies;
    // FUTEX_WAITERS while the engine sleeps on it. 0 before a host claims it.
    alignas(64) std::atomic<uint32_t> hostLife { 0 };

    // Written by the control side when the region is made; read-only afterwards.
    alignas(64) uint32_t maxBlock = 0;

    // One block's input, written by the engine before it bumps `request`.
    int32_t frames = 0;
    int32_t channels = 0;
    int32_t sidechainChannels = 0; // 0 = no sidechain this block
    uint32_t parameterCount = 0;
    uint32_t midiInBytes = 0;
    TransportInfo transport {};
    ParameterEvent parameters[maxParameterEvents] {};

    // Written by the host before it publishes `done`.
    uint32_t midiOutBytes = 0;
    int32_t latencySamples = 0;
    uint8_t status = 0; // InsertStatus of the hosted plugin (its output guard's verdict)

    uint8_t midiIn[midiCapacityBytes];
    uint8_t midiOut[midiCapacityBytes];
};

static_assert(std::atomic<uint32_t>::is_always_lock_free, "futex words must be plain 32-bit words");
static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t));

/// Where each part of a region lives, for a given largest block.
struct BlockLayout
{
    explicit BlockLayout(uint32_t maxBlockFrames) : maxBlock(maxBlockFrames) {}

    uint32_t maxBlock;

    static constexpr size_t headerBytes() { return (sizeof(BlockHeader) + 63) / 64 * 64; }
    size_t channelBytes() const { return (maxBlock * sizeof(float) + 63) / 64 * 64; }
    size_t totalBytes() const { return headerBytes() + 2 * maxChannels * channelBytes(); }

    /// The main bus, processed in place by the host.
    float* audio(void* base, int channel) const { return at(base, channel); }
    float* sidechain(void* base, int channel) const { return at(base, maxChannels + channel); }

private:
    float* at(void* base, int slot) const
    {
        return reinterpret_cast<float*>(static_cast<std::byte*>(base) + headerBytes() + size_t(slot) * channelBytes());
    }
};

inline BlockHeader& headerOf(void* base) { return *static_cast<BlockHeader*>(base); }

} // namespace loophole::signal::sandbox
