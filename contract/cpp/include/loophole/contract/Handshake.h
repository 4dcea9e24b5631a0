// The protocol version handshake: the first frame on a connection is Hello, answered by
// Welcome, or by Error(IncompatibleVersion) when the major versions differ.
#pragma once

#include <cstdint>
#include <string>

namespace loophole::contract {

struct VersionCheck
{
    bool compatible = false;
    std::string message; // empty when compatible
};

/// Peers are compatible when their major versions match; minors may differ, as minor
/// changes are additive (chorus/protocol.md).
VersionCheck checkPeerVersion(uint16_t peerMajor, uint16_t peerMinor);

} // namespace loophole::contract
