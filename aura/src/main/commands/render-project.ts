// Renders a project headlessly: Pulse derives the graph, a Signal started on the offline
// clock renders it to WAV, and progress comes back as Progress events.
import { ipc } from "@loophole/contract";
import type { ProjectSession } from "@loophole/pulse";
import { EngineError, type EngineClient } from "../engine/engine-client";
import { SignalSupervisor } from "../supervisor/signal-supervisor";
import { isolationArgs } from "../supervisor/plugin-isolation";

export type RenderFormat = "16" | "24" | "32f";

const SAMPLE_FORMATS: Record<RenderFormat, ipc.SampleFormat> = {
  "16": ipc.SampleFormat.Int16,
  "24": ipc.SampleFormat.Int24,
  "32f": ipc.SampleFormat.Float32,
};

export interface RenderRequestOptions {
  session: ProjectSession;
  outputPath: string;
  signalPath: string;
  format?: RenderFormat;
  /** TPDF dither before quantising to 16 or 24 bits (Signal, fixed seed: still bit-identical
   *  across runs). Default: on for 16-bit, where truncation is audible in quiet passages. */
  dither?: boolean;
  /** Seconds rendered after the last clip ends, for reverb and release tails. */
  tailSeconds?: number;
  onProgress?: (done: number) => void;
}

export interface RenderOutcome {
  outputPath: string;
  frames: number;
  sampleRate: number;
  renderSeconds: number;
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

export async function renderProject(options: RenderRequestOptions): Promise<RenderOutcome> {
  const snapshot = options.session.deriveGraph();
  const tail = BigInt(Math.round((options.tailSeconds ?? 2) * snapshot.sampleRate));
  const end = contentEnd(snapshot) + tail;

  let engine: EngineClient | null = null;
  const supervisor = new SignalSupervisor({
    signalPath: options.signalPath,
    backend: "offline",
    extraArgs: ["--sample-rate", String(snapshot.sampleRate), ...isolationArgs()],
    maxRestarts: 0,
    restore: async (client) => { engine = client; },
  });
  await supervisor.start();
  try {
    const client = engine as EngineClient | null;
    if (!client) throw new EngineError("the engine did not start");
    client.on("event", (frame) => {
      if (frame.bodyType !== ipc.Body.Progress) return;
      const progress = frame.body as ipc.ProgressT;
      if (String(progress.task) === "render") options.onProgress?.(progress.done);
    });
    const format = options.format ?? "24";
    const request = new ipc.RenderRequestT(options.outputPath, 0n, end, SAMPLE_FORMATS[format], snapshot,
      options.dither ?? format === "16");
    const reply = await client.request(ipc.Body.RenderRequest, request, 600_000);
    const done = reply.body as ipc.RenderDoneT;
    return {
      outputPath: String(done.outputPath ?? options.outputPath),
      frames: Number(done.frames),
      sampleRate: snapshot.sampleRate,
      renderSeconds: done.seconds,
    };
  } finally {
    await supervisor.stop();
  }
}
