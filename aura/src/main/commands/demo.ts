// `loophole demo`: builds the demo song in Pulse from generated material, saves it as a
// project next to the render, and renders it through Signal to WAV.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ProjectSession } from "@loophole/pulse";
import { demoSongOperations, type DemoPlugins } from "../demo/demo-song";
import { synthesiseDrumLoop } from "../demo/drum-loop";
import { writeFloatWav } from "../demo/wav-file";
import { DEMO_BPM } from "../demo/demo-song";
import { progressBar } from "./progress-bar";
import { renderProject } from "./render-project";

export const DEMO_SAMPLE_RATE = 48_000;

export interface DemoOptions {
  outputDir: string;
  signalPath: string;
  plugins: DemoPlugins;
}

export async function buildDemoSession(outputDir: string, plugins: DemoPlugins): Promise<ProjectSession> {
  mkdirSync(outputDir, { recursive: true });
  const loop = synthesiseDrumLoop(DEMO_BPM, DEMO_SAMPLE_RATE);
  const loopFile = join(outputDir, "drum-loop.wav");
  writeFloatWav(loopFile, DEMO_SAMPLE_RATE, loop.left, loop.right);

  const session = ProjectSession.create({ sampleRate: DEMO_SAMPLE_RATE, title: "Loophole Demo" });
  session.apply(demoSongOperations(loopFile, loop.seconds, plugins), { label: "Build the demo song" });
  await session.save(join(outputDir, "demo.loophole"));
  return session;
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const session = await buildDemoSession(options.outputDir, options.plugins);
  const outputPath = join(options.outputDir, "loophole-demo.wav");
  const bar = progressBar("rendering demo");
  const result = await renderProject({
    session, outputPath, signalPath: options.signalPath, onProgress: bar.update,
  });
  bar.finish();
  const seconds = result.frames / result.sampleRate;
  const plugins = [options.plugins.compressor?.name, options.plugins.reverb?.name].filter(Boolean);
  console.log(`demo song: ${result.outputPath}`);
  console.log(`duration: ${seconds.toFixed(2)} s at ${result.sampleRate} Hz, rendered in ` +
    `${result.renderSeconds.toFixed(2)} s (${(seconds / Math.max(result.renderSeconds, 1e-6)).toFixed(0)}x real time)`);
  console.log(`project: ${session.path ?? "(unsaved)"}; plugins: ${plugins.length ? plugins.join(", ") : "none found, built-ins only"}`);
  await session.close();
  return 0;
}
