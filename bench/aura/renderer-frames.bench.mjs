#!/usr/bin/env node
// Aura renderer frame benchmark, in Debian's Chromium (headless): the arrange with 200 tracks and
// 10,000 clips under scripted scroll/zoom (as the app paints it, the whole view each frame; then
// moving the previous frame's pixels on a scroll, for comparison; then the scroll half and the zoom
// half of the script alone), and 200 meters at 60 Hz, each against an empty-canvas frame
// loop measured in the same run. Prints p50/p95 frame interval and per-frame work, and the CPU
// time all of Chromium's processes spent per frame (renderer, display compositor, browser), read
// from /proc: on a shared machine frame intervals mostly measure the neighbours' load, CPU time does not.
// Usage: node bench/aura/renderer-frames.bench.mjs [--frames 600]
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const frameArg = process.argv.indexOf("--frames");
const FRAMES = frameArg > 0 ? Number(process.argv[frameArg + 1]) : 600;
const TRACKS = 200;
const CLIPS = 10_000;

// The harness is part of Aura's renderer; it is bundled here by path so bench/ does not import aura.
const out = join(mkdtempSync(join(tmpdir(), "aura-bench-")), "harness.js");
await build({ entryPoints: [join(root, "aura/src/renderer/perf/perf-harness.ts")], bundle: true, format: "iife", target: "chrome110", outfile: out, logLevel: "silent" });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  headless: true,
});
try {
  // Each measurement gets a fresh page, so no run inherits another's caches (clip bitmaps, labels).
  // What `setup` does (making the synthetic project, opening the view) is not counted.
  const run = async (expr, setup) => {
    const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
    try {
      await page.setContent("<!doctype html><html><body></body></html>");
      // The workspace's own stylesheet, so panels and canvases get the sizes they have in the app.
      await page.addStyleTag({ path: join(root, "aura/src/renderer/styles.css") });
      await page.addScriptTag({ content: readFileSync(out, "utf8") });
      if (setup) await page.evaluate(setup);
      const cpu0 = chromiumCpuMs();
      const result = await page.evaluate(expr);
      return { ...result, cpuPerFrame: (chromiumCpuMs() - cpu0) / FRAMES };
    } finally {
      await page.close();
    }
  };
  const arrangeRun = (options) => run(`auraHarness.runArrange(${FRAMES})`, `auraHarness.openArrange(${TRACKS}, ${CLIPS}, ${JSON.stringify(options)})`);
  const baseline = await run(`auraHarness.baseline(${FRAMES})`);
  const arrange = await arrangeRun({});
  const arrangeMoved = await arrangeRun({ reusePixels: true });
  const arrangeScroll = await arrangeRun({ motion: "scroll" });
  const arrangeZoom = await arrangeRun({ motion: "zoom" });
  const baseline2 = await run(`auraHarness.baseline(${FRAMES}, 1600, 400)`);
  const meters = await run(`auraHarness.meters(${FRAMES}, ${TRACKS})`);

  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN; };
  const line = (name, subject, base) => {
    const p95 = pct(subject.intervals, 95);
    const b95 = pct(base.intervals, 95);
    console.log(`${name.padEnd(44)} frame p50 ${pct(subject.intervals, 50).toFixed(2)} ms  p95 ${p95.toFixed(2)} ms | baseline p95 ${b95.toFixed(2)} ms | ratio ${(p95 / b95).toFixed(2)} | work/frame p95 ${pct(subject.work, 95).toFixed(2)} ms (baseline ${pct(base.work, 95).toFixed(2)} ms) | fps ${(1000 / pct(subject.intervals, 50)).toFixed(1)}`);
    console.log(`${"".padEnd(44)} chromium CPU/frame ${subject.cpuPerFrame.toFixed(2)} ms | baseline ${base.cpuPerFrame.toFixed(2)} ms | ratio ${(subject.cpuPerFrame / base.cpuPerFrame).toFixed(2)} | budget 16.7 ms`);
  };
  console.log(`aura renderer frames (${FRAMES} frames each, headless chromium, --disable-gpu; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores)`);
  const kinds = (r) => `${r.frameKinds.shifted} frames moved pixels, ${r.frameKinds.whole} repainted whole`;
  line(`arrange ${TRACKS} tracks / ${arrange.visibleClips} clips scroll+zoom`, arrange, baseline);
  console.log(`  (arrange canvas ${arrange.canvas}, baseline canvas 1600x900)`);
  line(`  same, moving pixels on a scroll`, arrangeMoved, baseline);
  console.log(`  (${kinds(arrangeMoved)})`);
  line(`  scroll half of the script only`, arrangeScroll, baseline);
  line(`  zoom half of the script only`, arrangeZoom, baseline);
  line(`meters ${TRACKS} strips @ 60 Hz telemetry`, meters, baseline2);
  console.log(`  (${meters.drawnMeters} meters on screen drawn each frame; off-screen strips are skipped)`);
} finally {
  await browser.close();
}

/** CPU time (user + system, ms) of every process started under this one: Chromium and its children. */
function chromiumCpuMs() {
  const stats = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start at the closing parenthesis.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch { /* the process ended while listing */ }
  }
  const mine = new Set([process.pid]);
  let total = 0;
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats) {
      if (!mine.has(s.pid) && mine.has(s.ppid)) { mine.add(s.pid); total += s.ticks; grew = true; }
    }
  }
  return (total * 1000) / 100; // USER_HZ is 100 on Linux
}

