// The protocol version handshake, mirrored from the C++ side: peers are compatible when
// their major versions match (chorus/protocol.md).
import { PROTOCOL_MAJOR, PROTOCOL_MINOR } from "../gen/protocol-version";

export interface VersionCheck {
  compatible: boolean;
  message: string;
}

export function checkPeerVersion(peerMajor: number, peerMinor: number): VersionCheck {
  if (peerMajor === PROTOCOL_MAJOR) return { compatible: true, message: "" };
  return {
    compatible: false,
    message:
      `incompatible protocol version: peer speaks ${peerMajor}.${peerMinor}, ` +
      `this side speaks ${PROTOCOL_MAJOR}.${PROTOCOL_MINOR} (major versions must match)`,
  };
}
