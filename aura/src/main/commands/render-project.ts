// Renders a project headlessly: Pulse derives the graph, a Signal started on the offline
// clock renders it to WAV, and progress comes back as Progress events.
import { ipc } from "@loophole/contract";
import type { ProjectSession } from "@loophole/pulse";
import { EngineError, type EngineClient } from "../engine/engine-client";
import { engineCommands } from "../engine/engine-commands";
import { mixRenderRequest, type MixRenderOptions } from "../render/render-request";
import { SignalSupervisor } from "../supervisor/signal-supervisor";
import { isolationArgs } from "../supervisor/plugin-isolation";

export { contentEnd, type RenderFormat } from "../render/render-request";

export interface RenderRequestOptions extends MixRenderOptions {
  session: ProjectSession;
  outputPath: string;
  signalPath: string;
  onProgress?: (done: number) => void;
}

export interface RenderOutcome {
  outputPath: string;
  frames: number;
  sampleRate: number;
  renderSeconds: number;
}

export async function renderProject(options: RenderRequestOptions): Promise<RenderOutcome> {
  const snapshot = options.session.deriveGraph();
  const request = mixRenderRequest(snapshot, options.outputPath, options);

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
    const done = await engineCommands.render(client, request);
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
