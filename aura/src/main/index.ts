// startAura: the whole main process — Pulse session, Signal supervisor, HTTP/WS server — and the
// URL (with its session token) that opens the renderer. An Electron shell could call this unchanged
// and load the URL in its BrowserWindow instead of chromium.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { AuraApp } from "./app/aura-app";
import { LayoutStore } from "./app/layout-store";
import { MixExport } from "./export/mix-export";
import type { ProjectPort } from "./project/project-port";
import { LastSession } from "./project/last-session";
import { openPulseProject } from "./project/pulse-project";
import { MediaFolders } from "./project/media-folders";
import { buildRenderer } from "./renderer-bundle";
import { AuraServer } from "./server/aura-server";
import { newSessionToken } from "./server/session-token";
import { buildDir } from "./checkout";
import { SignalSupervisor } from "./supervisor/signal-supervisor";
import { isolationArgs } from "./supervisor/plugin-isolation";

export interface AuraOptions {
  /** A project file to open; a new empty project when absent. */
  projectPath?: string;
  /** The Signal binary; defaults to build/signal/server/loophole-signal in the checkout. Null = run without an engine. */
  signalPath?: string | null;
  backend?: string;
  port?: number;
  /** Open `chromium --app=URL` (default: when a DISPLAY exists). */
  openBrowser?: boolean;
  /** Session state (layout, plugin library, engine socket, last session); default $LOOPHOLE_STATE_DIR or ~/.config/loophole. */
  stateDir?: string;
  /** Use this project instead of opening one through Pulse (tests, other shells). */
  project?: ProjectPort;
  log?: (line: string) => void;
}

export interface RunningAura {
  url: string;
  token: string;
  origin: string;
  app: AuraApp;
  server: AuraServer;
  supervisor: SignalSupervisor | null;
  stop(): Promise<void>;
}

/** The engine `./loophole` builds: $LOOPHOLE_BUILD_DIR (default build/) /signal/server/loophole-signal. */
export const defaultSignalPath = join(buildDir(), "signal/server/loophole-signal");

/** Where session state lives unless a caller says otherwise. */
export function defaultStateDir(): string {
  return process.env.LOOPHOLE_STATE_DIR ?? join(homedir(), ".config", "loophole");
}

export async function startAura(options: AuraOptions = {}): Promise<RunningAura> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stateDir = options.stateDir ?? defaultStateDir();
  mkdirSync(stateDir, { recursive: true });
  const lastSession = new LastSession(stateDir);
  // Without a path, the new project is journalled in the state directory: an untitled session
  // survives a kill -9 too (ADR 0003), and a bare `start` reopens it through LastSession.
  const untitledDir = join(stateDir, "untitled");
  const projectPath = options.projectPath ? resolve(options.projectPath) : join(untitledDir, `Untitled ${new Date().toISOString().replace(/[:.]/g, "-")}.loophole`);
  if (!options.project) mkdirSync(dirname(projectPath), { recursive: true });
  const project = options.project ?? (await openPulseProject(projectPath, log, join(stateDir, "plugin-library.json"), { untitled: dirname(projectPath) === untitledDir, mediaFolders: new MediaFolders(join(stateDir, "media-folders.json")) }));
  if (!options.project) lastSession.opened(projectPath);
  const app = new AuraApp(project, new LayoutStore(join(stateDir, "aura-layout.json")), new MixExport(project, join(stateDir, "exports")));
  app.onSaved = (path) => { if (!options.project) lastSession.opened(path); };
  const token = newSessionToken();
  const rendererRoot = await buildRenderer(join(tmpdir(), `loophole-aura-renderer-${process.pid}`));
  const server = new AuraServer({
    token, rendererRoot, handlers: app.handlers(), ...(options.port !== undefined ? { port: options.port } : {}),
    onRendererConnected: (send) => { send("engine.status", app.status); send("project.changed", project.view()); },
  });
  app.connectOutput({ broadcast: (channel, payload) => server.broadcast(channel, payload) });
  const { url, origin } = await server.listen();

  const signalPath = options.signalPath === undefined ? defaultSignalPath : options.signalPath;
  let supervisor: SignalSupervisor | null = null;
  if (signalPath && existsSync(signalPath)) {
    supervisor = new SignalSupervisor({
      signalPath, backend: options.backend ?? "offline", socketPath: join(stateDir, "signal.sock"), extraArgs: isolationArgs(),
      restore: (client, info) => app.restore(client, info),
    });
    supervisor.on("status", (status) => { app.setEngineStatus(status); log(`aura: engine ${status.state}: ${status.message}`); });
    await supervisor.start();
  } else {
    const message = signalPath ? `engine binary not found at ${signalPath} (build target loophole-signal)` : "running without an engine";
    app.setEngineStatus({ state: "failed", message, restarts: 0 });
    log(`aura: ${message}`);
  }

  log(`aura: open ${url}`);
  if (options.openBrowser ?? Boolean(process.env.DISPLAY)) {
    const browser = spawn("/usr/bin/chromium", [`--app=${url}`, `--user-data-dir=${join(stateDir, "chromium")}`], { stdio: "ignore", detached: true });
    browser.on("error", (e) => log(`aura: could not open chromium: ${e.message}`));
    browser.unref();
  }
  return {
    url, token, origin, app, server, supervisor,
    async stop() {
      await supervisor?.stop();
      await server.close();
      lastSession.closed();
    },
  };
}
