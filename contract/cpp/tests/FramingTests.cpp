#include "loophole/contract/Framing.h"

#include <gtest/gtest.h>

using namespace loophole;

namespace {

std::vector<uint8_t> pingFrame(uint64_t seq, uint64_t nonce)
{
    ipc::FrameT frame;
    frame.seq = seq;
    ipc::PingT ping;
    ping.nonce = nonce;
    frame.body.Set(std::move(ping));
    return contract::encodeFrame(frame);
}

} // namespace

TEST(Framing, ReassemblesFramesSplitAtEveryByte)
{
    std::vector<uint8_t> stream;
    for (uint64_t i = 1; i <= 3; ++i) {
        auto bytes = pingFrame(i, i * 100);
        stream.insert(stream.end(), bytes.begin(), bytes.end());
    }

    contract::FrameReader reader;
    std::vector<uint64_t> nonces;
    std::string error;
    for (uint8_t byte : stream) {
        reader.append({ &byte, 1 });
        while (auto wire = reader.next(error)) {
            const auto* frame = contract::verifyFrame(*wire, error);
            ASSERT_NE(frame, nullptr) << error;
            nonces.push_back(frame->body_as_Ping()->nonce());
        }
        ASSERT_TRUE(error.empty()) << error;
    }
    EXPECT_EQ(nonces, (std::vector<uint64_t> { 100, 200, 300 }));
}

TEST(Framing, RefusesAnOversizedLengthBeforeReadingIt)
{
    contract::FrameReader reader;
    const uint8_t hugeLength[] = { 0xff, 0xff, 0xff, 0x7f };
    reader.append(hugeLength);
    std::string error;
    EXPECT_FALSE(reader.next(error).has_value());
    EXPECT_NE(error.find("exceeds"), std::string::npos);
}

TEST(Framing, RejectsGarbageTruncationAndForeignIdentifiers)
{
    std::string error;
    const std::vector<uint8_t> tiny = { 1, 2, 3 };
    EXPECT_EQ(contract::verifyFrame(tiny, error), nullptr);
    EXPECT_NE(error.find("too short"), std::string::npos);

    const auto wire = pingFrame(1, 7);
    auto foreign = wire;
    foreign[8] = 'X';
    EXPECT_EQ(contract::verifyFrame(foreign, error), nullptr);
    EXPECT_NE(error.find("identifier"), std::string::npos);

    auto truncated = wire;
    truncated.resize(wire.size() - 6);
    EXPECT_EQ(contract::verifyFrame(truncated, error), nullptr);

    auto corrupt = wire;
    corrupt[4] = 0xf0; // root offset far outside the buffer
    EXPECT_EQ(contract::verifyFrame(corrupt, error), nullptr);
    EXPECT_NE(error.find("verification"), std::string::npos);
}

TEST(Framing, RejectsAFrameThatNamesABodyButCarriesNone)
{
    for (auto type : { ipc::Body::Telemetry, ipc::Body::NONE }) {
        flatbuffers::FlatBufferBuilder builder;
        ipc::FrameBuilder frame(builder);
        frame.add_seq(1);
        frame.add_body_type(type);
        const auto wire = contract::finishFrame(builder, frame.Finish());

        std::string error;
        EXPECT_EQ(contract::verifyFrame(wire, error), nullptr);
        EXPECT_EQ(error, "frame has no body");
    }
}
