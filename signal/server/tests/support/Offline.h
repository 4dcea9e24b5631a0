// Shorthands for tests that run loophole-signal on the offline clock.
#pragma once

#include "SignalClient.h"
#include "SignalProcess.h"

#include <gtest/gtest.h>

namespace loophole::signal::testing {

inline std::vector<std::string> offlineArgs(int rate = 48000, int frames = 256)
{
    return { "--backend", "offline", "--sample-rate", std::to_string(rate), "--buffer-size", std::to_string(frames) };
}

inline ipc::FrameT ping(uint64_t nonce)
{
    ipc::PingT body;
    body.nonce = nonce;
    return SignalClient::frameOf(std::move(body));
}

/// Whether the server answers a Ping on this (greeted) connection.
inline ::testing::AssertionResult answersPing(SignalClient& client, uint64_t nonce = 42)
{
    auto reply = client.request(ping(nonce));
    if (reply == nullptr)
        return ::testing::AssertionFailure() << "no reply to Ping";
    if (reply->body.type != ipc::Body::Pong)
        return ::testing::AssertionFailure() << "Ping answered with " << ipc::EnumNameBody(reply->body.type);
    if (reply->body.AsPong()->nonce != nonce)
        return ::testing::AssertionFailure() << "Pong carries the wrong nonce";
    return ::testing::AssertionSuccess();
}

inline const ipc::ErrorT* asError(const std::unique_ptr<ipc::FrameT>& frame)
{
    return frame && frame->body.type == ipc::Body::Error ? frame->body.AsError() : nullptr;
}

inline bool isAck(const std::unique_ptr<ipc::FrameT>& frame)
{
    return frame && frame->body.type == ipc::Body::Ack;
}

} // namespace loophole::signal::testing
