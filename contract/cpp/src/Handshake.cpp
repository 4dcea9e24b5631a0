#include "loophole/contract/Handshake.h"

#include "loophole/ipc/ProtocolVersion.h"

namespace loophole::contract {

VersionCheck checkPeerVersion(uint16_t peerMajor, uint16_t peerMinor)
{
    if (peerMajor == ipc::kProtocolMajor)
        return { true, {} };

    auto version = [](unsigned major, unsigned minor) {
        return std::to_string(major) + "." + std::to_string(minor);
    };
    return { false, "incompatible protocol version: peer speaks " + version(peerMajor, peerMinor)
                  + ", this side speaks " + version(ipc::kProtocolMajor, ipc::kProtocolMinor)
                  + " (major versions must match)" };
}

} // namespace loophole::contract
