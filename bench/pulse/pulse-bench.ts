// Pulse on a 1,000-track / 20,000-clip project: apply + undo, graph diff, save and load. Each result
// is printed with a baseline measured in the same run and the ratio between them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphDeriver, loadProjectFile, projectToJson, ProjectSession, saveProjectFile, validateProject } from "@loophole/pulse";
import { buildLargeProject } from "./build-project";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: (i: number) => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f(i);
    t.push(performance.now() - t0);
  }
  return median(t);
}

async function timeAsync(runs: number, f: () => Promise<void>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
function report(name: string, ms: number, baselineName: string, baseMs: number, target?: number): void {
  const verdict = target === undefined ? "" : ms < target ? `  (target < ${target} ms: met)` : `  (target < ${target} ms: MISSED)`;
  console.log(`${name.padEnd(34)} median ${ms.toFixed(3).padStart(9)} ms | baseline ${baselineName} ${baseMs.toFixed(3)} ms | ratio ${(ms / baseMs).toFixed(3)}${verdict}`);
}

async function main(): Promise<void> {
  const g = (globalThis as { gc?: () => void }).gc;
  const gc = g ? (): void => { g(); g(); } : undefined;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const project = buildLargeProject();
  validateProject(project);
  const session = ProjectSession.create({ project });
  gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  const tracks = project.tracks.size;
  const clips = [...project.tracks.values()].reduce((n, t) => n + Object.keys(t.clips).length, 0);
  // Memory baseline: the same project as plain parsed JSON (what any JS representation must hold).
  const text = JSON.stringify(projectToJson(project));
  gc?.();
  const heapJ0 = process.memoryUsage().heapUsed;
  const plain = JSON.parse(text) as unknown;
  gc?.();
  const heapJ1 = process.memoryUsage().heapUsed;
  void plain;
  console.log(`project: ${tracks} tracks (incl. master), ${clips} clips`);
  console.log(`${"memory: model heap".padEnd(34)} ${mb(heap1 - heap0).padStart(16)} | baseline parsed JSON ${mb(heapJ1 - heapJ0)} | ratio ${((heap1 - heap0) / (heapJ1 - heapJ0)).toFixed(3)}`);

  // Baseline for edits: what snapshot-style undo would pay, one structuredClone of the project.
  const cloneMs = time(20, () => void structuredClone(project));

  const moveMs = time(500, (i) => {
    session.apply([{ op: "clip.move", track: "t-501", clip: "c-501-3", start: 25 + (i % 7) }], { label: "Move clip" });
    session.undo();
  });
  report("apply+undo clip.move", moveMs, "structuredClone(project)", cloneMs, 1);
  const gainMs = time(500, (i) => {
    session.apply([{ op: "track.setGain", track: "t-733", gainDb: -1 - (i % 20) }]);
    session.undo();
  });
  report("apply+undo track.setGain", gainMs, "structuredClone(project)", cloneMs, 1);
  const sendMs = time(200, () => {
    session.apply([{ op: "send.set", track: "t-733", send: "s", target: "bus-2" }]); // routing check runs
    session.undo();
  });
  report("apply+undo send.set (routing check)", sendMs, "structuredClone(project)", cloneMs, 1);

  // Diffs: one edited track against a from-scratch derive of the whole project.
  const fullMs = time(5, () => void new GraphDeriver(48_000).derive(session.project, 0));
  session.deriveGraph();
  const diffMs = time(200, (i) => {
    const from = session.revision;
    session.apply([{ op: "track.setPan", track: "t-222", pan: ((i % 10) - 5) / 10 }]);
    const d = session.diffSince(from);
    if (d.upsertChannels.length !== 1) throw new Error(`diff should hold one channel, has ${d.upsertChannels.length}`);
  });
  report("apply+diffSince (1 channel)", diffMs, "full derive", fullMs);

  // Save and load against plain JSON of the same project.
  const dir = mkdtempSync(join(tmpdir(), "pulse-bench-"));
  const file = join(dir, "big.lphl");
  const jsonMs = time(5, () => void JSON.parse(JSON.stringify(projectToJson(session.project))));
  const saveMs = await timeAsync(9, async () => void (await saveProjectFile(file, session.project, 3)));
  report("save (atomic, fsync, 3 backups)", saveMs, "JSON stringify+parse", jsonMs, 300);
  const loadMs = await timeAsync(9, async () => void (await loadProjectFile(file)));
  report("load (parse, migrate, validate)", loadMs, "JSON stringify+parse", jsonMs, 300);
  // Journalling: every commit appended and fsynced before apply returns.
  const journalled = ProjectSession.create({ project: session.project, journal: true });
  await journalled.save(join(dir, "journalled.lphl"));
  const journalMs = time(50, () => {
    journalled.apply([{ op: "track.setGain", track: "t-733", gainDb: -2 }]);
    journalled.undo();
  });
  report("apply+undo, journalled (2 fsyncs)", journalMs, "apply+undo unjournalled", gainMs);
  await journalled.close();
  rmSync(dir, { recursive: true, force: true });

  // History memory: 1,000 committed edits kept for undo, in a fresh session on the same project.
  const fresh = ProjectSession.create({ project: session.project });
  gc?.();
  const heap2 = process.memoryUsage().heapUsed;
  const editable = [...fresh.project.tracks.values()].filter((t) => Object.keys(t.clips).length >= 2);
  for (let i = 0; i < 1000; i++) {
    const t = editable[i % editable.length]!;
    fresh.apply([{ op: "clip.move", track: t.id, clip: Object.keys(t.clips)[1]!, start: 300 + i }]);
  }
  gc?.();
  const heap3 = process.memoryUsage().heapUsed;
  console.log(`${"memory: 1000 undo steps".padEnd(34)} ${mb(heap3 - heap2).padStart(16)} | baseline model heap ${mb(heap1 - heap0)} | ratio ${((heap3 - heap2) / (heap1 - heap0)).toFixed(3)}; rss ${mb(process.memoryUsage().rss)}${gc ? "" : " (run with --expose-gc for exact heap numbers)"}`);
}

await main();
