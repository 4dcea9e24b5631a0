// Peak envelopes of audio files for drawing waveforms: decoded once per file version (node-wav),
// reduced to a fixed number of peaks per second, then cut to the part of the file a clip plays.
import { readFileSync, statSync } from "node:fs";
import { decode } from "node-wav";

export const PEAKS_PER_SECOND = 200;

export interface FilePeaks {
  sampleRate: number;
  seconds: number;
  /** Largest absolute sample over all channels in each 1/PEAKS_PER_SECOND s window. */
  peaks: Float32Array;
}

export function filePeaks(path: string): FilePeaks {
  const { sampleRate, channelData } = decode(readFileSync(path));
  const frames = channelData[0]?.length ?? 0;
  const window = Math.max(1, Math.round(sampleRate / PEAKS_PER_SECOND));
  const peaks = new Float32Array(Math.ceil(frames / window));
  for (const channel of channelData) {
    for (let i = 0; i < frames; i++) {
      const v = Math.abs(channel[i]!);
      const slot = (i / window) | 0;
      if (v > peaks[slot]!) peaks[slot] = v;
    }
  }
  return { sampleRate, seconds: frames / sampleRate, peaks };
}

/** count peaks across [offset, offset + duration) seconds of the file, repeating a loop region if given. */
export function clipPeaks(file: FilePeaks, offsetSeconds: number, durationSeconds: number, loopSeconds: number | null, count = 256): number[] {
  const out = new Array<number>(count).fill(0);
  if (durationSeconds <= 0 || file.peaks.length === 0) return out;
  for (let i = 0; i < count; i++) {
    const from = (i / count) * durationSeconds;
    const to = ((i + 1) / count) * durationSeconds;
    let peak = 0;
    for (let t = from; t < to; t += 1 / PEAKS_PER_SECOND) {
      const inFile = offsetSeconds + (loopSeconds && loopSeconds > 0 ? t % loopSeconds : t);
      const slot = Math.floor(inFile * PEAKS_PER_SECOND);
      if (slot >= 0 && slot < file.peaks.length) peak = Math.max(peak, file.peaks[slot]!);
    }
    out[i] = Math.min(1, peak);
  }
  return out;
}

/** Decoded peaks per file, re-read when the file changes; unreadable files give undefined. */
export class PeakCache {
  private readonly files = new Map<string, { stamp: string; peaks: FilePeaks | undefined }>();

  get(path: string): FilePeaks | undefined {
    let stamp: string;
    try {
      const st = statSync(path);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    const hit = this.files.get(path);
    if (hit?.stamp === stamp) return hit.peaks;
    let peaks: FilePeaks | undefined;
    try { peaks = filePeaks(path); } catch { peaks = undefined; }
    this.files.set(path, { stamp, peaks });
    return peaks;
  }
}
