// Frames on a byte stream: a size-prefixed FlatBuffer (4-byte little-endian length, then a
// loophole.ipc.Frame with identifier "LPHL"), the same layout Signal reads and writes.
import * as flatbuffers from "flatbuffers";
import { Frame, FrameT } from "../gen/frame_generated";

/** Frames above this size are refused before anything is allocated for them. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export class FrameError extends globalThis.Error {
  override name = "FrameError";
}

/** Packs an object-API frame into wire bytes (size prefix included). */
export function encodeFrame(frame: FrameT): Uint8Array {
  const builder = new flatbuffers.Builder(256);
  builder.finishSizePrefixed(frame.pack(builder), "LPHL");
  return builder.asUint8Array().slice();
}

/** Checks one whole wire frame (size prefix included) and gives its frame, or throws
 *  FrameError. The TS FlatBuffers runtime has no full verifier: reading a field of a
 *  corrupt frame may still throw RangeError, which callers treat as a malformed frame. */
export function decodeFrame(wireFrame: Uint8Array): Frame {
  if (wireFrame.length < 12) throw new FrameError(`frame too short (${wireFrame.length} bytes)`);
  const bb = new flatbuffers.ByteBuffer(wireFrame);
  const size = bb.readUint32(0);
  if (size + 4 !== wireFrame.length) throw new FrameError(`frame length ${size} does not match ${wireFrame.length - 4} bytes received`);
  bb.setPosition(4);
  if (!Frame.bufferHasIdentifier(bb)) throw new FrameError("frame does not carry the LPHL identifier");
  if (bb.readUint32(4) + 4 > wireFrame.length) throw new FrameError("frame root lies outside the buffer");
  return Frame.getSizePrefixedRootAsFrame(new flatbuffers.ByteBuffer(wireFrame));
}

/** Reassembles frames from stream chunks of any size. */
export class FrameReader {
  private buffer = new Uint8Array(0);

  append(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
  }

  /** The next complete wire frame (size prefix included), or undefined until one has arrived. Throws FrameError on an
   *  oversized announcement: the stream cannot be resynchronised, so close the connection. */
  next(): Uint8Array | undefined {
    if (this.buffer.length < 4) return undefined;
    const size = new DataView(this.buffer.buffer, this.buffer.byteOffset, 4).getUint32(0, true);
    if (size > MAX_FRAME_BYTES) {
      throw new FrameError(`frame of ${size} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`);
    }
    if (this.buffer.length < 4 + size) return undefined;
    const frame = this.buffer.slice(0, 4 + size);
    this.buffer = this.buffer.subarray(4 + size);
    return frame;
  }

  get bufferedBytes(): number {
    return this.buffer.length;
  }
}
