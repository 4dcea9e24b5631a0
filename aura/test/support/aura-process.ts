// Aura's main process as a real child process, started the way `./loophole start` starts it (the CLI
// bundled with esbuild, run by node), so a test can kill -9 it and start it again on the same state.
import { build } from "esbuild";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../..");

/** Bundles aura/src/main/cli.ts like ./loophole does. Written inside the checkout, because the CLI loads
 *  esbuild from node_modules at run time to build the renderer. */
export async function bundleAuraCli(): Promise<string> {
  const dir = join(root, "test-artifacts/aura/bundles");
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `cli-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, "aura/src/main/cli.ts")], bundle: true, platform: "node", format: "esm", target: "node20",
    outfile, logLevel: "silent",
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  });
  return outfile;
}

export interface AuraProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  origin: string;
  token: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves when it has exited (for any reason). */
  exited: Promise<void>;
}

/** `start [project]` with its own state directory and engine build; resolves once it prints its URL. */
export async function startAuraProcess(cli: string, opts: { stateDir: string; buildDir: string; project?: string; timeoutMs?: number }): Promise<AuraProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOOPHOLE_ROOT: root, LOOPHOLE_BUILD_DIR: opts.buildDir, LOOPHOLE_STATE_DIR: opts.stateDir };
  delete env.DISPLAY; // no window: the test drives its own headless chromium
  const child = spawn(process.execPath, [cli, "start", ...(opts.project ? [opts.project] : [])], { env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout!.on("data", (d) => (text += d));
  child.stderr!.on("data", (d) => (text += d));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`aura did not print its URL in time:\n${text}`)), opts.timeoutMs ?? 30_000);
    const check = () => {
      const m = /aura: open (http:\/\/\S+)/.exec(text);
      if (m) { clearTimeout(timer); done(m[1]!); }
    };
    child.stdout!.on("data", check);
    void exited.then(() => { clearTimeout(timer); fail(new Error(`aura exited before printing its URL:\n${text}`)); });
  });
  const parsed = new URL(url);
  return { child, pid: child.pid!, url, origin: parsed.origin, token: parsed.searchParams.get("token")!, output: () => text, exited };
}
