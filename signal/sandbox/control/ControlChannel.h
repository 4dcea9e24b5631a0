// The control channel between the engine and a plugin host process: one stream socket
// (socketpair) carrying requests and replies for load, prepare, state and unload, plus the
// shared-region descriptor (SCM_RIGHTS). Never used on the audio path.
//
// The host is a child of the engine built from the same tree, so the message is a private
// fixed header plus two byte strings; the plugin itself is described by the graph's own
// ipc::Processor table, carried as bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loophole::signal::sandbox {

enum class ControlOp : uint32_t { Load = 1, Prepare, SaveState, RestoreState, Unload, Reply, OpenEditor, CloseEditor };

struct ControlMessage
{
    ControlOp op = ControlOp::Reply;
    uint32_t instance = 0;
    bool ok = true;
    double sampleRate = 0.0;
    int32_t maxBlock = 0;
    int32_t number = 0;           // Load reply: the plugin's parameter count; OpenEditor reply: its X window
    int32_t latency = 0;          // Load and Prepare replies: the plugin's latency in samples
    std::string text;             // a reply's error, in plain words
    std::vector<uint8_t> bytes;   // Load: the ipc::Processor; state requests and replies: the state
    int fd = -1;                  // the shared region (Load, Prepare); the receiver owns it
};

/// Writes the whole message; false with `error` when the peer is gone.
bool sendMessage(int socket, const ControlMessage& message, std::string& error);

/// Reads one message, waiting at most `timeoutMs` in all; nullopt with `error` on timeout,
/// a closed peer or a malformed message.
std::optional<ControlMessage> receiveMessage(int socket, int timeoutMs, std::string& error);

} // namespace loophole::signal::sandbox
