// Writes 32-bit float stereo WAV files. The format is a 44-byte header and the samples,
// too small to be worth a dependency.
import { writeFileSync } from "node:fs";

export function writeFloatWav(path: string, sampleRate: number, left: Float32Array, right: Float32Array): void {
  const frames = left.length;
  const dataBytes = frames * 2 * 4;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16);            // fmt chunk size
  out.writeUInt16LE(3, 20);             // WAVE_FORMAT_IEEE_FLOAT
  out.writeUInt16LE(2, 22);             // channels
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 8, 28); // bytes per second
  out.writeUInt16LE(8, 32);             // block align
  out.writeUInt16LE(32, 34);            // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    out.writeFloatLE(left[i]!, 44 + i * 8);
    out.writeFloatLE(right[i]!, 48 + i * 8);
  }
  writeFileSync(path, out);
}
