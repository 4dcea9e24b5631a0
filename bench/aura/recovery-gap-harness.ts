// The measuring half of recovery-gap.bench.mjs (bundled by it): Aura's main process in this process
// with the real engine, a project that plays a steady tone, and a renderer channel client that
// timestamps telemetry.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSignalPath, startAura } from "../../aura/src/main/index";
import { SignalSupervisor } from "../../aura/src/main/supervisor/signal-supervisor";
import { RendererClient, until } from "../../aura/test/support/renderer-client";
import type { EngineStatus, TelemetryView } from "../../aura/src/channels";

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** Spawn to handshake of loophole-signal alone, under the same supervisor, nothing to restore. */
async function coldStart(signalPath: string): Promise<number> {
  const supervisor = new SignalSupervisor({ signalPath, restore: async () => {} });
  const started = performance.now();
  await supervisor.start();
  const ms = performance.now() - started;
  if (supervisor.status.state !== "running") throw new Error(`engine did not start: ${supervisor.status.message}`);
  await supervisor.stop();
  return ms;
}

export async function run({ kills, signalPath = defaultSignalPath }: { kills: number; signalPath?: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "recovery-gap-bench-"));
  const aura = await startAura({ signalPath, projectPath: join(dir, "Gap.loophole"), stateDir: join(dir, "state"), openBrowser: false, log: () => {} });
  const client = await RendererClient.open(aura.origin, aura.token);
  try {
    await client.request("project.edit", { edit: { type: "addTrack", kind: "instrument", name: "Tone" } });
    let { project } = await client.request("session.get", {});
    const trackId = project.tracks.find((t) => t.name === "Tone")!.id;
    await client.request("project.edit", { edit: { type: "addPlugin", trackId, uid: "builtin:SineSynth" } });
    await client.request("project.edit", { edit: { type: "addClip", trackId, kind: "midi", startBeat: 0, lengthBeats: 512 } });
    ({ project } = await client.request("session.get", {}));
    const clipId = project.tracks.find((t) => t.id === trackId)!.clips[0]!.id;
    // Short notes, not one held note: a restart mid-note does not re-trigger a sounding note.
    for (let beat = 0; beat < 512; beat += 2) await client.request("project.edit", { edit: { type: "addNote", clipId, pitch: 69, startBeat: beat, lengthBeats: 1.9, velocity: 100 } });
    await client.request("transport.play", { fromBeat: 0 });

    const gaps: number[] = [];
    const colds: number[] = [];
    for (let i = 0; i < kills; i++) {
      // Interleaved, so both see the same machine load.
      colds.push(await coldStart(signalPath));
      await until(() => client.latest("telemetry")?.playing, 20_000, "playing");
      // Past the supervisor's crash-loop threshold: this is a healthy engine dying, as in real use.
      await new Promise((r) => setTimeout(r, 2500));
      const before = client.latest("telemetry")!.positionBeats;
      const seen = client.events.length;
      const killedAt = performance.now();
      process.kill(aura.supervisor!.pid!, "SIGKILL");
      const back = await until(() => {
        const later = client.events.slice(seen);
        const restarting = later.findIndex((e) => e.channel === "engine.status" && (e.payload as EngineStatus).state === "restarting");
        return restarting < 0 ? undefined : later.slice(restarting).find((e) => e.channel === "telemetry" && (e.payload as TelemetryView).playing);
      }, 30_000, "playing again");
      gaps.push(back.at - killedAt);
      const after = (back.payload as TelemetryView).positionBeats;
      console.log(`  kill ${i + 1}: gap ${(back.at - killedAt).toFixed(0)} ms (stopped at beat ${before.toFixed(3)}, resumed at ${after.toFixed(3)}); cold start ${colds.at(-1)!.toFixed(0)} ms`);
    }
    const gap = median(gaps);
    const cold = median(colds);
    console.log(`recovery gap (kill -9 of Signal → playing again), median of ${kills}: ${gap.toFixed(0)} ms | baseline: loophole-signal cold start ${cold.toFixed(0)} ms | ratio ${(gap / cold).toFixed(2)} | requirement < 2000 ms: ${gap < 2000 ? "met" : "NOT met"}`);
  } finally {
    client.close();
    await aura.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
