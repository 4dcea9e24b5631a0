// Supervisor behaviour (restart, replay, crash loops, incompatible engines) against a stand-in engine
// process; the same flows run against the real loophole-signal in test/e2e.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ipc } from "@loophole/contract";
import type { EngineStatus } from "../../../src/channels";
import { SignalSupervisor } from "../../../src/main/supervisor/signal-supervisor";
import { engineCommands } from "../../../src/main/engine/engine-commands";
import { buildStandinSignal } from "../../support/build-standin";

const running: SignalSupervisor[] = [];
afterEach(async () => { while (running.length) await running.pop()!.stop(); });

function until<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = check();
      if (value) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error("condition not met in time"));
      setTimeout(poll, 20);
    };
    poll();
  });
}

const readLog = (path: string) => existsSync(path) ? readFileSync(path, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>) : [];

// Each test spawns engine processes (node stand-ins): generous timeouts for a loaded 2-core CI machine.
describe("SignalSupervisor", { timeout: 30_000 }, () => {
  it("restarts a killed engine, replays the graph and resumes the transport where it was", async () => {
    const log = join(mkdtempSync(join(tmpdir(), "aura-sup-")), "commands.jsonl");
    const signalPath = await buildStandinSignal(["--log", log]);
    let position = 0n;
    const statuses: EngineStatus[] = [];
    const supervisor = new SignalSupervisor({
      signalPath,
      restore: async (client) => {
        await engineCommands.loadGraph(client, new ipc.GraphSnapshotT(1n, 48000, [new ipc.ChannelT(1, ipc.ChannelKind.Master, "Master")], []));
        if (position > 0n) await engineCommands.play(client, position);
        client.on("telemetry", (t) => { if (t.transport?.playing) position = t.transport.position; });
        await engineCommands.subscribe(client);
      },
    });
    running.push(supervisor);
    supervisor.on("status", (s) => statuses.push(s));
    await supervisor.start();
    expect(supervisor.status.state).toBe("running");
    await engineCommands.play(supervisor.engine!, 48_000n);
    await until(() => position > 48_000n);
    const firstPid = supervisor.pid!;
    process.kill(firstPid, "SIGKILL");
    await until(() => statuses.some((s) => s.state === "restarting"));
    await until(() => supervisor.status.state === "running" && supervisor.pid !== firstPid);
    expect(supervisor.status.restarts).toBe(1);
    const commands = readLog(log);
    const secondHello = commands.map((c) => c.type).lastIndexOf("Hello");
    const replay = commands.slice(secondHello);
    expect(replay.map((c) => c.type)).toEqual(["Hello", "LoadGraph", "TransportCommand", "Subscribe"]);
    expect(replay[2]).toMatchObject({ action: "Play" });
    expect(BigInt(replay[2]!.position!)).toBeGreaterThan(48_000n);
  });

  it("gives up on a crash loop and says so", async () => {
    const signalPath = await buildStandinSignal(["--die-at-start"]);
    const supervisor = new SignalSupervisor({ signalPath, maxRestarts: 2, restore: async () => {} });
    running.push(supervisor);
    await supervisor.start();
    await until(() => supervisor.status.state === "failed");
    expect(supervisor.status.message).toMatch(/exited with code 3; it died 3 times/);
  });

  it("reports an incompatible engine and does not restart it", async () => {
    const signalPath = await buildStandinSignal(["--major", "9"]);
    const supervisor = new SignalSupervisor({ signalPath, restore: async () => {} });
    running.push(supervisor);
    await supervisor.start();
    expect(supervisor.status.state).toBe("incompatible");
    expect(supervisor.status.message).toMatch(/peer speaks 9\.0/);
    await new Promise((r) => setTimeout(r, 500));
    expect(supervisor.status.state).toBe("incompatible");
  });

  it("reports a binary that cannot start", async () => {
    const supervisor = new SignalSupervisor({ signalPath: "/nonexistent/loophole-signal", maxRestarts: 0, restore: async () => {} });
    running.push(supervisor);
    await supervisor.start();
    await until(() => supervisor.status.state === "failed");
    expect(supervisor.status.message).toMatch(/could not start/);
  });
});

describe("SignalSupervisor after a main-process crash", { timeout: 30_000 }, () => {
  it("adopts the engine still running on its socket instead of starting another", async () => {
    const { build } = await import("esbuild");
    const { spawn } = await import("node:child_process");
    const dir = mkdtempSync(join(tmpdir(), "aura-adopt-"));
    const socketPath = join(dir, "signal.sock");
    const signalPath = await buildStandinSignal();
    const script = join(dir, "supervise-once.mjs");
    await build({ entryPoints: [join(import.meta.dirname, "../../support/supervise-once.ts")], bundle: true, platform: "node", format: "esm", outfile: script, external: ["ws", "esbuild"], logLevel: "silent" });
    const first = spawn(process.execPath, [script, signalPath, socketPath], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    first.stdout.on("data", (d) => (out += d));
    const enginePid = Number((await until(() => /engine pid (\d+)/.exec(out) ?? undefined))[1]);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    process.kill(enginePid, 0); // the engine outlived its main process

    const second = new SignalSupervisor({ signalPath, socketPath, restore: async () => {} });
    running.push(second);
    await second.start();
    expect(second.status.state).toBe("running");
    expect(second.status.message).toContain(`reconnected, pid ${enginePid}`);
    expect(second.pid).toBe(enginePid);
    await second.stop();
    running.pop();
    await until(() => { try { process.kill(enginePid, 0); return false; } catch { return true; } }, 5000);
  });
});
