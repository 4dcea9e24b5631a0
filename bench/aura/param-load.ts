// How fast mixer changes get from Pulse commits into the real Signal (offline device), measured in
// this run on fresh 8-track projects:
//   baseline  one ApplyGraphDiff per commit, awaited (how Aura synced every edit before)
//   per-frame one SetParameter frame per change, not awaited
//   batched   EngineSync: one commit per change, the changes of one event-loop turn in one frame
//   streamed  Aura's value-move path: every change streamed to the engine, the turn's net effect
//             committed once (WriteQueue.batch + valueMoveWriter)
// The last two also run on a journalled session (an fsync per commit), as Aura runs them.
// Edits arrive in turns of TICK commits (as WebSocket messages do); each run ends when Signal has
// answered everything. Prints changes/s and the ratio against the baseline.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EngineClient } from "../../aura/src/main/engine/engine-client";
import { engineCommands } from "../../aura/src/main/engine/engine-commands";
import { EngineSync } from "../../aura/src/main/engine/engine-sync";
import { mixerChangesOfDiff } from "../../aura/src/main/engine/parameter-changes";
import { ProjectSession } from "@loophole/pulse";
import { PulseProject, SESSION_SAMPLE_RATE } from "../../aura/src/main/project/pulse-project";
import { SignalSupervisor } from "../../aura/src/main/supervisor/signal-supervisor";
import { WriteQueue } from "../../aura/src/main/app/write-queue";
import { valueMoveWriter } from "../../aura/src/main/app/value-moves";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? join(process.env.LOOPHOLE_BUILD_DIR ?? "build", "signal/server/loophole-signal");
const FADERS = 8;
const TICK = 100;
const arg = (name: string, fallback: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const CHANGES = arg("--changes", 20_000);
const BASELINE_CHANGES = arg("--baseline-changes", 2_000);

/** Unjournalled: the journal's fsync per commit costs every strategy alike and would hide them. */
const openSession = () => new PulseProject(ProjectSession.create({ sampleRate: SESSION_SAMPLE_RATE }));
let journals = 0;
async function openJournalled(): Promise<PulseProject> {
  const session = ProjectSession.create({ sampleRate: SESSION_SAMPLE_RATE, journal: true, autosave: false });
  await session.save(join(stateDir, `journalled-${++journals}.loophole`));
  return new PulseProject(session);
}
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function freshProject(client: EngineClient): Promise<{ project: PulseProject; faders: string[] }> {
  const project = openSession();
  for (let i = 0; i < FADERS; i++) project.edit({ type: "addTrack", kind: "audio" });
  await engineCommands.loadGraph(client, project.engineSnapshot());
  return { project, faders: project.view().tracks.filter((t) => t.kind === "audio").map((t) => t.id) };
}

/** Commits `count` fader moves in turns of TICK, calling `afterCommit` after each; returns seconds. */
async function drag(project: PulseProject, faders: string[], count: number, afterCommit: () => Promise<void> | void, finish: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    project.edit({ type: "setTrackGain", trackId: faders[i % FADERS]!, gainDb: -30 + (Math.floor(i / FADERS) % 300) / 10 }, "bench-drag");
    await afterCommit();
    if (i % TICK === TICK - 1) await turn();
  }
  await finish();
  return (performance.now() - started) / 1000;
}

async function baseline(client: EngineClient): Promise<number> {
  const { project, faders } = await freshProject(client);
  let revision = project.revision;
  return drag(project, faders, BASELINE_CHANGES, async () => {
    const diff = project.engineDiffSince(revision)!;
    await engineCommands.applyDiff(client, diff);
    revision = Number(diff.toRevision);
  }, async () => {});
}

async function framePerChange(client: EngineClient): Promise<number> {
  const { project, faders } = await freshProject(client);
  let revision = project.revision;
  const held = new Map(project.engineSnapshot().channels.map((c) => [c.id, c]));
  const answers: Promise<unknown>[] = [];
  return drag(project, faders, CHANGES, () => {
    const diff = project.engineDiffSince(revision)!;
    for (const change of mixerChangesOfDiff(held, diff)!) answers.push(engineCommands.setParameters(client, [change]));
    for (const c of diff.upsertChannels) held.set(c.id, c);
    revision = Number(diff.toRevision);
  }, () => Promise.all(answers));
}

async function batched(client: EngineClient, project: PulseProject, count: number): Promise<{ seconds: number; frames: number }> {
  for (let i = 0; i < FADERS; i++) project.edit({ type: "addTrack", kind: "audio" });
  const faders = project.view().tracks.filter((t) => t.kind === "audio").map((t) => t.id);
  const sync = new EngineSync(project);
  await sync.attach(client);
  const unsubscribe = project.subscribe(() => void sync.sync());
  const seconds = await drag(project, faders, count, () => {}, () => sync.sync());
  unsubscribe();
  sync.detach();
  return { seconds, frames: sync.sent.parameterFrames };
}

async function streamed(client: EngineClient, project: PulseProject, count: number): Promise<{ seconds: number; frames: number; commits: number }> {
  for (let i = 0; i < FADERS; i++) project.edit({ type: "addTrack", kind: "audio" });
  const faders = project.view().tracks.filter((t) => t.kind === "audio").map((t) => t.id);
  const sync = new EngineSync(project);
  await sync.attach(client);
  const unsubscribe = project.subscribe(() => void sync.sync());
  const writes = new WriteQueue();
  const write = valueMoveWriter(project, sync);
  const firstRevision = project.revision;
  const written: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const edit = { type: "setTrackGain" as const, trackId: faders[i % FADERS]!, gainDb: -30 + (Math.floor(i / FADERS) % 300) / 10 };
    written.push(writes.batch({ edit, gesture: "bench-drag" }, write));
    if (i % TICK === TICK - 1) await turn();
  }
  await Promise.all(written);
  await sync.sync();
  const seconds = (performance.now() - started) / 1000;
  unsubscribe();
  sync.detach();
  return { seconds, frames: sync.sent.parameterFrames, commits: project.revision - firstRevision };
}

const stateDir = mkdtempSync(join(tmpdir(), "param-load-bench-"));
let client: EngineClient | null = null;
const supervisor = new SignalSupervisor({ signalPath, backend: "offline", socketPath: join(stateDir, "signal.sock"), restore: async (c) => { client = c; } });
await supervisor.start();
try {
  if (!client) throw new Error(`could not start ${signalPath}`);
  const c: EngineClient = client;
  const base = BASELINE_CHANGES / (await baseline(c));
  const perFrame = CHANGES / (await framePerChange(c));
  const b = await batched(c, openSession(), CHANGES);
  const batchedRate = CHANGES / b.seconds;
  const st = await streamed(c, openSession(), CHANGES);
  const streamedRate = CHANGES / st.seconds;
  const bj = await batched(c, await openJournalled(), BASELINE_CHANGES);
  const batchedJournalled = BASELINE_CHANGES / bj.seconds;
  const sj = await streamed(c, await openJournalled(), CHANGES);
  const streamedJournalled = CHANGES / sj.seconds;
  console.log(`param-load bench (${FADERS} faders, ${TICK} changes per event-loop turn, real Signal on the offline device):`);
  console.log(`  baseline  ApplyGraphDiff per commit: ${base.toFixed(0)} changes/s (${BASELINE_CHANGES} changes)`);
  console.log(`  per-frame SetParameter per change:  ${perFrame.toFixed(0)} changes/s = ${(perFrame / base).toFixed(1)}x baseline (${CHANGES} changes)`);
  console.log(`  batched   SetParameters per turn:   ${batchedRate.toFixed(0)} changes/s = ${(batchedRate / base).toFixed(1)}x baseline, ${(batchedRate / perFrame).toFixed(2)}x per-frame (${CHANGES} changes in ${b.frames} frames)`);
  console.log(`  streamed  net commit per turn:      ${streamedRate.toFixed(0)} changes/s = ${(streamedRate / base).toFixed(1)}x baseline, ${(streamedRate / batchedRate).toFixed(2)}x batched (${CHANGES} changes, ${st.commits} commits, ${st.frames} frames)`);
  console.log(`  journalled: batched ${batchedJournalled.toFixed(0)} changes/s (${BASELINE_CHANGES} changes), streamed ${streamedJournalled.toFixed(0)} changes/s = ${(streamedJournalled / batchedJournalled).toFixed(1)}x batched (${CHANGES} changes, ${sj.commits} commits with an fsync each)`);
} finally {
  await supervisor.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
