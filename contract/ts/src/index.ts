// The TypeScript face of chorus/ipc. Every TS peer of Signal goes through this package.
export * as ipc from "./ipc";
export { PROTOCOL_MAJOR, PROTOCOL_MINOR } from "../gen/protocol-version";
export { encodeFrame, decodeFrame, FrameReader, FrameError, MAX_FRAME_BYTES } from "./framing";
export { checkPeerVersion, type VersionCheck } from "./handshake";
