// How a mix is asked of Signal, shared by `loophole render` (its own offline engine) and the app's
// export (the running engine): the range is the whole arrangement plus a tail, and 16-bit output is
// dithered unless the caller says otherwise.
import { ipc } from "@loophole/contract";

export type RenderFormat = "16" | "24" | "32f";

export const RENDER_FORMATS: readonly RenderFormat[] = ["16", "24", "32f"];

const SAMPLE_FORMATS: Record<RenderFormat, ipc.SampleFormat> = {
  "16": ipc.SampleFormat.Int16,
  "24": ipc.SampleFormat.Int24,
  "32f": ipc.SampleFormat.Float32,
};

/** Rendered after the last clip ends, for reverb and release tails. */
export const DEFAULT_TAIL_SECONDS = 2;

export interface MixRenderOptions {
  format?: RenderFormat;
  /** TPDF dither before quantising to 16 or 24 bits (Signal, fixed seed: still bit-identical
   *  across runs). Default: on for 16-bit, where truncation is audible in quiet passages. */
  dither?: boolean;
  tailSeconds?: number;
}

/** The sample where the last clip of the snapshot ends. */
export function contentEnd(snapshot: ipc.GraphSnapshotT): bigint {
  let end = 0n;
  for (const channel of snapshot.channels) {
    for (const clip of [...channel.audioClips, ...channel.midiClips]) {
      const clipEnd = clip.start + clip.length;
      if (clipEnd > end) end = clipEnd;
    }
  }
  return end;
}

/** A RenderRequest for the whole of `snapshot` (from sample 0 to its last clip plus the tail). */
export function mixRenderRequest(snapshot: ipc.GraphSnapshotT, outputPath: string, options: MixRenderOptions = {}): ipc.RenderRequestT {
  const format = options.format ?? "24";
  const tail = BigInt(Math.round((options.tailSeconds ?? DEFAULT_TAIL_SECONDS) * snapshot.sampleRate));
  const end = contentEnd(snapshot) + tail;
  return new ipc.RenderRequestT(outputPath, 0n, end, SAMPLE_FORMATS[format], snapshot, options.dither ?? format === "16");
}
