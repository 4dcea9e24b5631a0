// Frames on a byte stream. A frame is a size-prefixed FlatBuffer: a 4-byte little-endian
// length, then a loophole.ipc.Frame with file identifier "LPHL". Both languages' FlatBuffers
// runtimes read and write this layout natively.
#pragma once

#include "loophole/ipc/frame_generated.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace loophole::contract {

/// Frames above this size are refused before any allocation for them happens.
inline constexpr uint32_t kMaxFrameBytes = 64u * 1024u * 1024u;

/// Finishes a builder as a wire frame (size prefix + identifier) and returns its bytes.
std::vector<uint8_t> finishFrame(flatbuffers::FlatBufferBuilder& builder,
                                 flatbuffers::Offset<ipc::Frame> frame);

/// Packs an object-API frame into wire bytes.
std::vector<uint8_t> encodeFrame(const ipc::FrameT& frame);

/// Checks one whole wire frame (size prefix included, which keeps its 8-byte fields
/// aligned) against the schema. Returns the frame, or nullptr with a reason in `error`.
const ipc::Frame* verifyFrame(std::span<const uint8_t> wireFrame, std::string& error);

/// Reassembles frames from stream reads of any size.
class FrameReader
{
public:
    void append(std::span<const uint8_t> bytes);

    /// The next complete wire frame (size prefix included), if one has arrived.
    /// Sets `error` and returns nothing when the stream announces an oversized frame;
    /// the connection should then be closed, as the stream cannot be resynchronised.
    std::optional<std::vector<uint8_t>> next(std::string& error);

    size_t bufferedBytes() const { return buffer.size() - readPosition; }

private:
    std::vector<uint8_t> buffer;
    size_t readPosition = 0;
};

} // namespace loophole::contract
