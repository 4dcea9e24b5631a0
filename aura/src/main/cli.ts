// The Node side of `./loophole`: start, demo and render. Errors are printed in plain words
// with a non-zero exit code; `--help` on each command says what it takes.
import { dirname, join, resolve } from "node:path";
import { MediaAccess, ProjectSession } from "@loophole/pulse";
import { buildDir } from "./checkout";
import { runDemo } from "./commands/demo";
import { progressBar } from "./commands/progress-bar";
import { renderProject, type RenderFormat } from "./commands/render-project";
import { RENDER_FORMATS } from "./render/render-request";
import { findDemoPlugins } from "./demo/demo-plugins";
import { defaultStateDir, startAura } from "./index";
import { LastSession } from "./project/last-session";
import { MediaFolders } from "./project/media-folders";

const HELP: Record<string, string> = {
  start: "usage: ./loophole start [project]\n  Starts the engine and the app, prints the URL and opens a window when a display exists.\n  Without a project it reopens the last one if that session did not end cleanly (crash recovery),\n  else starts a new unsaved project. State lives in $LOOPHOLE_STATE_DIR (default ~/.config/loophole).",
  demo: "usage: ./loophole demo [-o DIR]\n  Builds the demo song, saves it as a project and renders it to DIR/loophole-demo.wav\n  (default DIR: build/demo).",
  render: "usage: ./loophole render <project> -o <file.wav> [--format 16|24|32f] [--dither | --no-dither]\n  Renders a project to WAV without the UI (default format: 24-bit). 16-bit output is dithered\n  (TPDF) unless --no-dither; --dither dithers 24-bit output too.",
};

class UsageError extends Error {}

function signalPath(): string {
  return resolve(buildDir(), "signal/server/loophole-signal");
}

/** Options that take no value. */
const FLAGS = new Set(["--dither", "--no-dither"]);

/** Splits `args` into positionals, `--flag value` / `-o value` options and value-less FLAGS. */
function parseArgs(args: string[]): { positionals: string[]; options: Map<string, string> } {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") options.set("help", "");
    else if (FLAGS.has(arg)) options.set(arg.slice(2), "");
    else if (arg.startsWith("-")) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      options.set(arg.replace(/^-+/, ""), value);
    } else positionals.push(arg);
  }
  return { positionals, options };
}

async function start(positionals: string[]): Promise<number> {
  let [projectPath] = positionals;
  if (!projectPath) {
    // A session that was killed comes back rather than being replaced by an empty project.
    const unfinished = new LastSession(defaultStateDir()).unfinished();
    if (unfinished) {
      console.log(`loophole: the last session did not end cleanly; reopening ${unfinished} with its unsaved edits`);
      projectPath = unfinished;
    }
  }
  const aura = await startAura(projectPath ? { projectPath: resolve(projectPath) } : {});
  const shutdown = () => void aura.stop().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return -1; // keep running
}

async function demo(options: Map<string, string>): Promise<number> {
  const outputDir = resolve(options.get("o") ?? resolve(buildDir(), "demo"));
  const scanner = resolve(buildDir(), "signal/plugins/loophole-plugin-scan");
  return runDemo({ outputDir, signalPath: signalPath(), plugins: findDemoPlugins(scanner) });
}

async function render(positionals: string[], options: Map<string, string>): Promise<number> {
  const [projectPath] = positionals;
  const output = options.get("o") ?? options.get("output");
  if (!projectPath || !output) throw new UsageError("render needs a project and -o <file.wav>");
  const format = (options.get("format") ?? "24") as RenderFormat;
  if (!RENDER_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}' (use 16, 24 or 32f)`);
  if (options.has("dither") && options.has("no-dither")) throw new UsageError("--dither or --no-dither, not both");
  const dither = options.has("dither") ? true : options.has("no-dither") ? false : undefined;

  // The same media gate as the app: a project rendered from the command line reads its own folder
  // and the user's media folders, nothing a project file names elsewhere.
  const path = resolve(projectPath);
  const folders = new MediaFolders(join(defaultStateDir(), "media-folders.json"));
  const media = new MediaAccess({ projectDir: dirname(path), userRoots: folders.list() });
  const session = await ProjectSession.open(path, { env: { media } });
  for (const m of session.missing()) console.warn(`warning: ${m.message}`);
  const bar = progressBar("rendering");
  try {
    const result = await renderProject({
      session, outputPath: resolve(output), signalPath: signalPath(), format, dither, onProgress: bar.update,
    });
    bar.finish();
    const seconds = result.frames / result.sampleRate;
    console.log(`rendered ${result.outputPath}: ${seconds.toFixed(2)} s in ${result.renderSeconds.toFixed(2)} s`);
    return 0;
  } finally {
    await session.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = "", ...rest] = argv;
  const help = HELP[command];
  if (!help) throw new UsageError(`unknown command '${command}'`);
  const { positionals, options } = parseArgs(rest);
  if (options.has("help")) {
    console.log(help);
    return 0;
  }
  switch (command) {
    case "start": return start(positionals);
    case "demo": return demo(options);
    default: return render(positionals, options);
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (error: unknown) => {
    console.error(`loophole: error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) {
      const help = HELP[process.argv[2] ?? ""];
      if (help) console.error(help);
      process.exit(2);
    }
    process.exit(1);
  },
);
