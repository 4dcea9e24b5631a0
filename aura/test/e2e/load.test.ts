// Load and consistency against the real Signal, through Aura's main process as a renderer uses it.
// 1. Parameter load: 10,000 fader changes a second from a renderer thread over the channels
//    WebSocket, for LOOPHOLE_LOAD_SECONDS (default 2; the full figure is 60), on a real JACK server
//    (jackd -d dummy). The engine's own count and order-sensitive digest of the changes its audio
//    thread took (Telemetry.parameter_changes/_digest) must equal what the renderer sent: no drop,
//    no reordering, no altered value. Xruns are held to an idle baseline measured in the same run,
//    and the whole drag must still be one undo step.
// 2. Undo/redo consistency: 1,000 rapid undo, redo and edit steps, after which (and at checkpoints
//    on the way) Pulse's derived graph and the graph Signal reports through QueryGraph are equal in
//    the sense of support/graph-comparison.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { ipc } from "@loophole/contract";
import { dbToLinear, ProjectSession } from "@loophole/pulse";
import type { Edit, ProjectView } from "../../src/channels";
import { defaultSignalPath, startAura, type RunningAura } from "../../src/main/index";
import { EngineClient } from "../../src/main/engine/engine-client";
import { engineCommands } from "../../src/main/engine/engine-commands";
import { openPulseProject, PulseProject, SESSION_SAMPLE_RATE } from "../../src/main/project/pulse-project";
import { comparableGraph } from "../support/graph-comparison";
import { haveJackd, JackServer } from "../support/jack-server";
import { DIGEST_START, foldChange } from "../support/parameter-digest";
import { RendererClient, until } from "../support/renderer-client";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const haveSignal = existsSync(signalPath);
if (!haveSignal) console.warn(`load tests: ${signalPath} is not built; skipped. Build it with: cmake --build <dir> --target loophole-signal`);
if (haveSignal && !haveJackd) console.warn("load tests: jackd is not installed (Debian package jackd2); the parameter-load test needs a real-time device and is skipped");

// 2 s by default to keep the suite lean (the figure is 60 s: LOOPHOLE_LOAD_SECONDS=60). The
// session is journalled as Aura runs it: a drag is streamed to the engine change by change and its
// net effect committed (with an fsync) once per event-loop turn, see aura/src/main/app/value-moves.ts.
// LOOPHOLE_LOAD_JOURNAL=0 measures the same path on an unjournalled session.
const LOAD_SECONDS = Number(process.env.LOOPHOLE_LOAD_SECONDS ?? 2);
const HOLDS_XRUNS = LOAD_SECONDS >= 10;
const JOURNAL = process.env.LOOPHOLE_LOAD_JOURNAL !== "0";
const RATE = Number(process.env.LOOPHOLE_LOAD_RATE ?? 10_000);
const FADERS = 8;
const JACK_PERIOD = 256;

/** `overruns`: the engine's own late callbacks (Telemetry.callback_overruns, contract 1.2); `xruns`
 *  also counts what the audio server reports, which on this machine is mostly jackd's own timer. */
interface Reading { at: number; changes: bigint; digest: bigint; xruns: number; overruns: number; peakLoad: number }

/** A second engine connection, as a test instrument: telemetry at 200 Hz and QueryGraph. */
async function observe(socketPath: string): Promise<{ client: EngineClient; readings: Reading[] }> {
  const { client } = await EngineClient.connect(socketPath, { peer: "load-test observer" });
  const readings: Reading[] = [];
  client.on("telemetry", (t) => readings.push({
    at: performance.now() + performance.timeOrigin, changes: t.parameterChanges, digest: t.parameterDigest, xruns: t.xruns,
    overruns: t.callbackOverruns, peakLoad: t.callbackPeakLoad,
  }));
  await engineCommands.subscribe(client, 200);
  return { client, readings };
}

/** What both suites run against: Aura with its engine, a renderer using it, an observer on the engine. */
interface Session { aura: RunningAura; renderer: RendererClient; observer: Awaited<ReturnType<typeof observe>> }

/** Fills `session` part by part, so that stopSession ends whatever started even when a later part fails. */
async function startSession(session: Partial<Session>, backend: string, project?: PulseProject): Promise<Session> {
  const stateDir = mkdtempSync(join(tmpdir(), "aura-load-"));
  const aura = session.aura = await startAura({ signalPath, backend, stateDir, openBrowser: false, log: () => {}, ...(project ? { project } : {}) });
  await until(() => aura.app.status.state === "running", 30_000, "engine running");
  session.renderer = await RendererClient.open(aura.origin, aura.token);
  session.observer = await observe(join(stateDir, "signal.sock"));
  return session as Session;
}

async function stopSession(session: Partial<Session>): Promise<void> {
  session.renderer?.close();
  session.observer?.client.close();
  await session.aura?.stop();
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

describe.skipIf(!haveSignal || !haveJackd)("parameter load on JACK", () => {
  let jack: JackServer;
  const session: Partial<Session> = {};
  let aura: RunningAura, renderer: RendererClient, observer: Session["observer"];

  beforeAll(async () => {
    jack = await JackServer.start(`aura-load-${process.pid}`, JACK_PERIOD);
    process.env.JACK_DEFAULT_SERVER = jack.name;
    ({ aura, renderer, observer } = await startSession(session, "jack", JOURNAL ? undefined : new PulseProject(ProjectSession.create({ sampleRate: SESSION_SAMPLE_RATE }))));
  }, 60_000);

  afterAll(async () => {
    await stopSession(session);
    delete process.env.JACK_DEFAULT_SERVER;
    await jack?.stop();
  });

  it(`takes ${RATE} fader changes a second for ${LOAD_SECONDS} s in order, with no drop, no added xrun and one undo step`, async () => {
    for (let i = 0; i < FADERS; i++) await renderer.request("project.edit", { edit: { type: "addTrack", kind: "audio" } });
    const before = (await renderer.request("session.get", {})).project;
    const faders = before.tracks.filter((t) => t.kind === "audio");
    expect(faders).toHaveLength(FADERS);
    await renderer.request("transport.play", {});
    const latest = () => observer.readings[observer.readings.length - 1]!;
    await until(() => observer.readings.length > 10, 10_000, "telemetry");

    // Baseline: the same session playing, nobody touching anything, for as long as the load is sent
    // (10 s at least, for a steadier rate). Xruns are compared as rates: the load window lasts until
    // the engine has taken the last change, which can be longer than the sending.
    const idleFrom = latest();
    const jackIdleFrom = jack.loggedXruns();
    await new Promise((resolve) => setTimeout(resolve, (HOLDS_XRUNS ? Math.max(10, LOAD_SECONDS) : 2) * 1000));
    const idleTo = latest();
    const idleSeconds = (idleTo.at - idleFrom.at) / 1000;
    const idleXruns = idleTo.xruns - idleFrom.xruns;
    const idleOverruns = idleTo.overruns - idleFrom.overruns;
    const jackIdleXruns = jack.loggedXruns() - jackIdleFrom;

    const start = latest();
    const jackLoadFrom = jack.loggedXruns();
    const framesBefore = aura.app.engineSync.sent.parameterFrames;
    const sender = new Worker(new URL("../support/load-sender.worker.mjs", import.meta.url), {
      workerData: { origin: aura.origin, token: aura.token, tracks: faders.map((t) => t.id), rate: RATE, seconds: LOAD_SECONDS, gesture: "load-drag", firstId: 1_000_000 },
    });
    const result = await new Promise<{ sentAt: Float64Array; answeredAt: Float64Array; gains: Float64Array; answered: number; errors: string[] }>((resolve, reject) => {
      sender.once("message", resolve);
      sender.once("error", reject);
    });
    await sender.terminate();
    const total = result.sentAt.length;
    expect(result.errors).toEqual([]);
    expect(result.answered).toBe(total);

    // The engine's side: every change taken by the audio thread, in the order sent, with its value.
    let expected = start.digest;
    for (let i = 0; i < total; i++) expected = foldChange(expected, faders[i % FADERS]!.engineId, ipc.ChannelParam.Gain, dbToLinear(result.gains[i]!));
    const end = await until(() => { const r = latest(); return r.changes >= start.changes + BigInt(total) ? r : undefined; }, 30_000, "engine took every change").catch(() => latest());
    const loadXruns = end.xruns - start.xruns;
    const loadOverruns = end.overruns - start.overruns;
    const peakLoad = Math.max(...observer.readings.filter((r) => r.at >= start.at && r.at <= end.at).map((r) => r.peakLoad));
    const jackLoadXruns = jack.loggedXruns() - jackLoadFrom;
    const loadSeconds = (end.at - start.at) / 1000;
    const perMinute = (xruns: number, seconds: number) => (60 * xruns / seconds).toFixed(1);

    // Latency: renderer send -> Aura's answer (given once Signal acknowledged the frame carrying the
    // change), and renderer send -> first telemetry reading whose count includes it (audio thread).
    const answered = new Float64Array(total);
    const applied = new Float64Array(total);
    const readings = observer.readings;
    let r = 0;
    for (let i = 0; i < total; i++) {
      answered[i] = result.answeredAt[i]! - result.sentAt[i]!;
      while (r < readings.length && readings[r]!.changes < start.changes + BigInt(i + 1)) r++;
      applied[i] = r < readings.length ? Math.max(0, readings[r]!.at - result.sentAt[i]!) : Number.NaN; // NaN: never taken
    }
    answered.sort();
    applied.sort();
    const frames = aura.app.engineSync.sent.parameterFrames - framesBefore;
    const seconds = (result.sentAt[total - 1]! - result.sentAt[0]!) / 1000;
    console.log(
      `parameter load: ${total} changes over ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s) on ${FADERS} faders, ` +
      `engine took ${end.changes - start.changes}, digest ${end.digest === expected ? "matches" : "DIFFERS"}; ` +
      `${frames} SetParameters frames (${(total / Math.max(1, frames)).toFixed(1)} changes each), ${aura.app.engineSync.sent.snapshots} full snapshots; ` +
      `latency to answer p50 ${percentile(answered, 0.5).toFixed(1)} / p99 ${percentile(answered, 0.99).toFixed(1)} / max ${answered[total - 1]!.toFixed(1)} ms, ` +
      `to audio thread p50 ${percentile(applied, 0.5).toFixed(1)} / p99 ${percentile(applied, 0.99).toFixed(1)} / max ${applied[total - 1]!.toFixed(1)} ms; ` +
      `xruns engine ${loadXruns} in ${loadSeconds.toFixed(1)} s = ${perMinute(loadXruns, loadSeconds)}/min (idle baseline ${idleXruns} in ${idleSeconds.toFixed(1)} s = ${perMinute(idleXruns, idleSeconds)}/min), ` +
      `jackd ${jackLoadXruns} (idle baseline ${jackIdleXruns}); engine's own late callbacks ${loadOverruns} (idle baseline ${idleOverruns}), longest callback ${(peakLoad * 100).toFixed(0)}% of its block; ` +
      `JACK period ${JACK_PERIOD} @ 48 kHz; ${JOURNAL ? "journalled" : "unjournalled"} session`,
    );
    expect(end.changes - start.changes).toBe(BigInt(total));
    expect(end.digest.toString(16)).toBe(expected.toString(16));
    // The load adds no xruns beyond what this shared machine inflicts on the idle session (at twice
    // the idle rate over the load window, plus two, as signal/server/tests/JackSoakTests.cpp allows).
    // A one-second load in the default suite is too short a window to tell xruns from this machine's
    // noise; the xrun figure is held from 10 s of load up (the run is 60 s).
    const scale = loadSeconds / idleSeconds;
    if (HOLDS_XRUNS) {
      // The engine's own callbacks: parameter load adds no late block of its own.
      expect(loadOverruns).toBeLessThanOrEqual(idleOverruns * scale);
      expect(loadXruns).toBeLessThanOrEqual(2 * idleXruns * scale + 2);
      expect(jackLoadXruns).toBeLessThanOrEqual(2 * jackIdleXruns * scale + 2);
    }

    // The drag is one undo step, and undoing it puts every fader back, in Pulse and in Signal.
    const after = (await renderer.request("session.get", {})).project;
    expect(after.history.length).toBe(before.history.length + 1);
    expect(after.history[after.history.length - 1]!.label).toBe("Set volume");
    const gainsHeld = async () => {
      const graph = (await engineCommands.queryGraph(observer.client))!;
      return faders.map((f) => graph.channels.find((c) => c.id === f.engineId)!.gain);
    };
    const lastSent = faders.map((_, k) => Math.fround(dbToLinear(result.gains[total - FADERS + k]!)));
    expect(await gainsHeld()).toEqual(lastSent);
    await renderer.request("project.undo", {});
    expect(await gainsHeld()).toEqual(faders.map((f) => Math.fround(dbToLinear(f.gainDb))));
    await renderer.request("project.redo", {});
    expect(await gainsHeld()).toEqual(lastSent);
  }, 120_000 + LOAD_SECONDS * 10_000);
});

/** A small seeded generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!haveSignal)("undo/redo consistency", () => {
  let project: PulseProject;
  const session: Partial<Session> = {};
  let aura: RunningAura, renderer: RendererClient, observer: Session["observer"];

  beforeAll(async () => {
    project = await openPulseProject(undefined, () => {});
    ({ aura, renderer, observer } = await startSession(session, "offline", project));
  }, 60_000);

  afterAll(() => stopSession(session));

  it("leaves Pulse's derived graph and Signal's graph identical after 1,000 rapid undo, redo and edit steps", async () => {
    const seed = Number(process.env.LOOPHOLE_LOAD_SEED ?? 9);
    const next = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const view = (): ProjectView => project.view();
    const edit = (e: Edit, gesture?: string) => renderer.request("project.edit", { edit: e, ...(gesture ? { gesture } : {}) });

    for (const kind of ["audio", "instrument", "instrument", "bus", "bus"] as const) await edit({ type: "addTrack", kind });
    const setup = view();
    const buses = setup.tracks.filter((t) => t.kind === "bus");
    for (const t of setup.tracks.filter((t) => t.kind === "instrument")) {
      await edit({ type: "addPlugin", trackId: t.id, uid: "builtin:SineSynth" });
      await edit({ type: "addSend", trackId: t.id, target: buses[0]!.id, gainDb: -12 });
      await edit({ type: "addClip", trackId: t.id, kind: "midi", startBeat: 0, lengthBeats: 4 });
    }

    const compare = async (when: string) => {
      const engine = (await engineCommands.queryGraph(observer.client))!;
      expect(comparableGraph(engine), `engine graph vs Pulse after ${when} (seed ${seed})`).toEqual(comparableGraph(project.engineSnapshot()));
    };
    await compare("setup");

    // Each step is one of: undo, redo, or an edit (mixer values, a drag, routing, structure).
    const edits: (() => Promise<unknown>)[] = [
      () => { const t = pick(view().tracks); return edit({ type: "setTrackGain", trackId: t.id, gainDb: Math.round(next() * 300 - 240) / 10 }); },
      () => { const t = pick(view().tracks); return edit({ type: "setTrackPan", trackId: t.id, pan: Math.round(next() * 200 - 100) / 100 }); },
      () => { const t = pick(view().tracks.filter((t) => t.kind !== "master")); return edit({ type: "setTrackMute", trackId: t.id, mute: !t.mute }); },
      () => { const t = pick(view().tracks.filter((t) => t.kind !== "master")); return edit({ type: "setTrackSolo", trackId: t.id, solo: !t.solo }); },
      async () => { // a short drag: one undo step, several commits
        const t = pick(view().tracks);
        const gesture = `drag-${next()}`;
        for (let k = 1; k <= 5; k++) await edit({ type: "setTrackGain", trackId: t.id, gainDb: -k * 2 - Math.round(next() * 10) }, gesture);
      },
      () => {
        const withSend = view().tracks.filter((t) => t.sends.length > 0);
        if (withSend.length === 0) return Promise.resolve();
        const t = pick(withSend);
        return edit({ type: "setSendGain", trackId: t.id, sendId: pick(t.sends).id, gainDb: Math.round(next() * -400) / 10 });
      },
      () => {
        const withPlugin = view().tracks.filter((t) => t.plugins.length > 0);
        if (withPlugin.length === 0) return Promise.resolve();
        const t = pick(withPlugin);
        const p = pick(t.plugins);
        return edit({ type: "setPluginBypass", trackId: t.id, pluginId: p.id, bypass: !p.bypass });
      },
      () => edit({ type: "addTrack", kind: pick(["audio", "instrument", "bus"] as const) }),
      () => {
        const removable = view().tracks.filter((t) => t.kind !== "master");
        return removable.length > 3 ? edit({ type: "removeTrack", trackId: pick(removable).id }) : Promise.resolve();
      },
      () => {
        const from = pick(view().tracks.filter((t) => t.kind === "instrument" || t.kind === "audio"));
        const targets = view().tracks.filter((t) => t.kind === "bus");
        return from && targets.length > 0 ? edit({ type: "addSend", trackId: from.id, target: pick(targets).id, gainDb: -6 }) : Promise.resolve();
      },
      () => { const t = pick(view().tracks.filter((t) => t.kind !== "master")); return edit({ type: "renameTrack", trackId: t.id, name: `T${Math.floor(next() * 1000)}` }); },
      () => { const t = pick(view().tracks.filter((t) => t.kind === "instrument")); return t ? edit({ type: "addClip", trackId: t.id, kind: "midi", startBeat: Math.floor(next() * 16), lengthBeats: 2 }) : Promise.resolve(); },
    ];

    const counts = { undo: 0, redo: 0, edit: 0, refused: 0 };
    for (let step = 1; step <= 1000; step++) {
      const v = view();
      const roll = next();
      try {
        if (roll < 0.35 && v.canUndo) { counts.undo++; await renderer.request("project.undo", {}); }
        else if (roll < 0.6 && v.canRedo) { counts.redo++; await renderer.request("project.redo", {}); }
        else { counts.edit++; await pick(edits)(); }
      } catch {
        counts.refused++; // an edit Pulse refuses (e.g. a send that would make a cycle) changes nothing
      }
      if (step % 100 === 0) await compare(`step ${step}`);
    }
    console.log(`undo/redo consistency (seed ${seed}): ${counts.undo} undo, ${counts.redo} redo, ${counts.edit} edits (${counts.refused} refused by Pulse); ` +
      `engine got ${JSON.stringify(aura.app.engineSync.sent)}; final graph ${view().tracks.length} tracks`);
    expect(counts.undo).toBeGreaterThan(100);
    expect(counts.redo).toBeGreaterThan(50);
    await compare("1,000 steps");
  }, 300_000);
});
