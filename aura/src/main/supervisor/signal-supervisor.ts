// Keeps one Signal process alive: starts it, waits for its ready line, connects, lets the caller
// restore the session (graph replay, transport resume), and does all of that again when Signal
// dies. Every state change is reported, so the UI can show what the engine is doing.
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { ipc } from "@loophole/contract";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineStatus } from "../../channels";
import { EngineClient, IncompatibleEngineError, type EngineInfo } from "../engine/engine-client";

export interface SupervisorOptions {
  signalPath: string;
  backend?: string;
  extraArgs?: string[];
  readyTimeoutMs?: number;
  /** Restarts allowed within restartWindowMs before giving up (a crash loop). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** A fixed socket path: a main process started again finds an engine still running there and
   *  adopts it instead of starting another (ADR 0003). Default: a fresh temporary path. */
  socketPath?: string;
  /** Restores the session on a fresh engine; runs before the engine is reported running. */
  restore: (client: EngineClient, info: EngineInfo) => Promise<void>;
}

export interface SupervisorEvents {
  status: [EngineStatus];
  engine: [EngineClient];
  log: [string];
}

export const READY_LINE = /loophole-signal: listening on (\S+)/;

/** An engine that ran this long before dying was healthy: restart it at once, since every
 *  millisecond here is silence. Shorter lives look like a crash loop and back off. */
const HEALTHY_LIFETIME_MS = 2000;

export class SignalSupervisor extends EventEmitter<SupervisorEvents> {
  private child: ChildProcess | null = null;
  private client: EngineClient | null = null;
  private stopping = false;
  private restarts = 0;
  private readonly recentDeaths: number[] = [];
  private readonly socketDir = mkdtempSync(join(tmpdir(), "loophole-aura-"));
  private current: EngineStatus = { state: "stopped", message: "not started", restarts: 0 };
  /** Pid of an engine this supervisor adopted rather than started. */
  private adoptedPid: number | undefined;

  constructor(private readonly options: SupervisorOptions) { super(); }

  get status(): EngineStatus { return this.current; }
  get engine(): EngineClient | null { return this.client?.isOpen ? this.client : null; }
  get pid(): number | undefined { return this.adoptedPid ?? this.child?.pid; }

  async start(): Promise<void> {
    this.stopping = false;
    const fixed = this.options.socketPath;
    if (fixed && existsSync(fixed)) {
      if (await this.adopt(fixed)) return;
      rmSync(fixed, { force: true }); // left by an engine that is gone
    }
    await this.launch("starting");
  }

  /** Connects to an engine that outlived a previous main process. */
  private async adopt(socketPath: string): Promise<boolean> {
    let connected;
    try {
      connected = await EngineClient.connect(socketPath, { timeoutMs: 2000 });
    } catch (error) {
      if (error instanceof IncompatibleEngineError) {
        this.setStatus({ state: "incompatible", message: error.message });
        return true;
      }
      return false;
    }
    const { client, info } = connected;
    this.client = client;
    this.adoptedPid = info.pid;
    client.once("closed", () => {
      if (this.stopping || this.client !== client) return;
      this.adoptedPid = undefined;
      this.restarts++;
      this.setStatus({ state: "restarting", message: "adopted engine went away; starting a new one" });
      void this.launch("restarting");
    });
    await this.options.restore(client, info);
    this.emit("engine", client);
    this.setStatus({ state: "running", message: `${info.engine} on ${info.backend} (reconnected, pid ${info.pid})`, engine: info.engine, sampleRate: info.sampleRate, bufferSize: info.bufferSize, pid: info.pid });
    return true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (this.adoptedPid !== undefined && this.client?.isOpen) {
      await this.client.request(ipc.Body.Shutdown, new ipc.ShutdownT(), 2000).catch(() => {});
    }
    this.client?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    this.setStatus({ state: "stopped", message: "engine stopped" });
    rmSync(this.socketDir, { recursive: true, force: true });
    if (this.options.socketPath) rmSync(this.options.socketPath, { force: true });
  }

  private async launch(state: "starting" | "restarting"): Promise<void> {
    const socketPath = this.options.socketPath ?? join(this.socketDir, `signal-${Date.now()}.sock`);
    rmSync(socketPath, { force: true });
    this.setStatus({ state, message: state === "starting" ? "starting engine" : `restarting engine (restart ${this.restarts})` });
    const args = ["--socket", socketPath, "--backend", this.options.backend ?? "offline", ...(this.options.extraArgs ?? [])];
    // Its own process group: a Ctrl+C or crash of the main process does not take the engine with it.
    const logPath = `${socketPath}.log`;
    const logFd = openSync(logPath, "w");
    const child = spawn(this.options.signalPath, args, { stdio: ["ignore", logFd, logFd], detached: true });
    closeSync(logFd);
    this.child = child;
    const startedAt = Date.now();
    const exited = new Promise<string>((resolve) => {
      child.once("exit", (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
      child.once("error", (error) => resolve(`could not start: ${error.message}`));
    });
    try {
      await Promise.race([
        this.waitForReady(logPath, child),
        exited.then((why) => { throw new Error(`engine ${why} before it was ready`); }),
        new Promise((_, reject) => setTimeout(() => reject(new Error("engine did not report ready in time")), this.options.readyTimeoutMs ?? 15_000).unref()),
      ]);
      const { client, info } = await EngineClient.connect(socketPath);
      this.client = client;
      await this.options.restore(client, info);
      this.emit("engine", client);
      this.setStatus({ state: "running", message: `${info.engine} on ${info.backend}`, engine: info.engine, sampleRate: info.sampleRate, bufferSize: info.bufferSize, ...(child.pid !== undefined ? { pid: child.pid } : {}) });
    } catch (error) {
      if (error instanceof IncompatibleEngineError) {
        this.stopping = true;
        child.kill("SIGKILL");
        this.setStatus({ state: "incompatible", message: error.message });
        return;
      }
      this.emit("log", `engine start failed: ${(error as Error).message}`);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      this.setStatus({ state: "restarting", message: (error as Error).message });
    }
    void exited.then((why) => this.onExit(child, why, Date.now() - startedAt));
  }

  /** Watches the engine's log file for the ready line. A file rather than a pipe, so the engine can
   *  keep writing after this main process is gone. */
  private waitForReady(logPath: string, child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      let seen = 0;
      const poll = () => {
        if (child.exitCode !== null || child.signalCode !== null || child !== this.child) return;
        let text = "";
        try { text = readFileSync(logPath, "utf8"); } catch { /* not written yet */ }
        if (text.length > seen) {
          for (const line of text.slice(seen).split("\n")) if (line) this.emit("log", line);
          seen = text.length;
        }
        if (READY_LINE.test(text)) resolve();
        else setTimeout(poll, 20);
      };
      poll();
    });
  }

  private onExit(child: ChildProcess, why: string, livedMs: number): void {
    if (child !== this.child || this.stopping) return;
    this.client?.close();
    this.client = null;
    const now = Date.now();
    this.recentDeaths.push(now);
    const window = this.options.restartWindowMs ?? 30_000;
    while (this.recentDeaths.length && this.recentDeaths[0]! < now - window) this.recentDeaths.shift();
    if (this.recentDeaths.length > (this.options.maxRestarts ?? 5)) {
      this.setStatus({ state: "failed", message: `engine ${why}; it died ${this.recentDeaths.length} times in ${window / 1000} s, not restarting` });
      return;
    }
    this.restarts++;
    this.setStatus({ state: "restarting", message: `engine ${why}; restarting` });
    // A short pause keeps a crash loop from eating the CPU; a healthy engine comes back at once.
    const pause = livedMs >= HEALTHY_LIFETIME_MS ? 0 : 200 * this.recentDeaths.length;
    setTimeout(() => { if (!this.stopping) void this.launch("restarting"); }, pause);
  }

  private setStatus(next: Omit<EngineStatus, "restarts">): void {
    this.current = { ...next, restarts: this.restarts };
    this.emit("status", this.current);
  }
}
