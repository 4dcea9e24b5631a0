#include "loophole/contract/Framing.h"

#include <cstring>

namespace loophole::contract {

std::vector<uint8_t> finishFrame(flatbuffers::FlatBufferBuilder& builder,
                                 flatbuffers::Offset<ipc::Frame> frame)
{
    builder.FinishSizePrefixed(frame, ipc::FrameIdentifier());
    return { builder.GetBufferPointer(), builder.GetBufferPointer() + builder.GetSize() };
}

std::vector<uint8_t> encodeFrame(const ipc::FrameT& frame)
{
    flatbuffers::FlatBufferBuilder builder;
    return finishFrame(builder, ipc::Frame::Pack(builder, &frame));
}

const ipc::Frame* verifyFrame(std::span<const uint8_t> wireFrame, std::string& error)
{
    constexpr size_t prefix = sizeof(flatbuffers::uoffset_t);
    if (wireFrame.size() < prefix + 8) {
        error = "frame too short (" + std::to_string(wireFrame.size()) + " bytes)";
        return nullptr;
    }
    if (! ipc::FrameBufferHasIdentifier(wireFrame.data() + prefix)) {
        error = "frame does not carry the LPHL identifier";
        return nullptr;
    }
    flatbuffers::Verifier verifier(wireFrame.data(), wireFrame.size());
    if (! ipc::VerifySizePrefixedFrameBuffer(verifier)) {
        error = "frame fails schema verification";
        return nullptr;
    }
    const ipc::Frame* frame = ipc::GetSizePrefixedFrame(wireFrame.data());
    // The verifier accepts an absent union value; a frame must say something, and the
    // object API would dereference the missing body (found by fuzz_frame_decoder).
    if (frame->body_type() == ipc::Body::NONE || frame->body() == nullptr) {
        error = "frame has no body";
        return nullptr;
    }
    return frame;
}

void FrameReader::append(std::span<const uint8_t> bytes)
{
    if (readPosition > 0 && readPosition == buffer.size()) {
        buffer.clear();
        readPosition = 0;
    }
    buffer.insert(buffer.end(), bytes.begin(), bytes.end());
}

std::optional<std::vector<uint8_t>> FrameReader::next(std::string& error)
{
    if (bufferedBytes() < sizeof(uint32_t))
        return std::nullopt;

    const uint8_t* start = buffer.data() + readPosition;
    const uint32_t size = uint32_t(start[0]) | uint32_t(start[1]) << 8
                        | uint32_t(start[2]) << 16 | uint32_t(start[3]) << 24;
    if (size > kMaxFrameBytes) {
        error = "frame of " + std::to_string(size) + " bytes exceeds the "
              + std::to_string(kMaxFrameBytes) + "-byte limit";
        return std::nullopt;
    }
    if (bufferedBytes() < sizeof(uint32_t) + size)
        return std::nullopt;

    std::vector<uint8_t> frame(start, start + sizeof(uint32_t) + size);
    readPosition += sizeof(uint32_t) + size;
    if (readPosition > 1024 * 1024 && readPosition * 2 > buffer.size()) {
        buffer.erase(buffer.begin(), buffer.begin() + long(readPosition));
        readPosition = 0;
    }
    return frame;
}

} // namespace loophole::contract
