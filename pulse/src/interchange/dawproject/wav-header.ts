// Reads what DAWproject's <Audio> needs (channels, sample rate, duration) from a RIFF/WAVE header.
export interface AudioFormat {
  channels: number;
  sampleRate: number;
  seconds: number;
}

function fourCC(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** Undefined when the bytes are not a WAV file this can read (the caller then falls back to defaults). */
export function readWavFormat(bytes: Uint8Array): AudioFormat | undefined {
  if (bytes.byteLength < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (fourCC(view, 0) !== "RIFF" || fourCC(view, 8) !== "WAVE") return undefined;
  let channels = 0;
  let sampleRate = 0;
  let bytesPerSecond = 0;
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = fourCC(view, at);
    const size = view.getUint32(at + 4, true);
    if (id === "fmt " && size >= 16 && at + 24 <= bytes.byteLength) {
      channels = view.getUint16(at + 10, true);
      sampleRate = view.getUint32(at + 12, true);
      bytesPerSecond = view.getUint32(at + 16, true);
    } else if (id === "data" && channels > 0 && bytesPerSecond > 0) {
      const dataBytes = Math.min(size, bytes.byteLength - at - 8);
      return { channels, sampleRate, seconds: dataBytes / bytesPerSecond };
    }
    at += 8 + size + (size % 2); // chunks are padded to even sizes
  }
  return undefined;
}
