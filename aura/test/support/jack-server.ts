// A private JACK server with the dummy driver for one test file: real-time scheduling and real
// deadlines without a sound card. Counts the xruns jackd itself logs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { openSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const haveJackd = spawnSync("sh", ["-c", "command -v jackd"]).status === 0;

export class JackServer {
  private constructor(readonly name: string, private readonly child: ChildProcess, private readonly logPath: string) {}

  /** Starts `jackd -d dummy` at 48 kHz with `period` frames and waits until it runs. */
  static async start(name: string, period: number): Promise<JackServer> {
    const logPath = join(tmpdir(), `${name}.log`);
    const log = openSync(logPath, "w");
    const child = spawn("jackd", ["-n", name, "-P", "70", "-d", "dummy", "-r", "48000", "-p", String(period)], {
      stdio: ["ignore", log, log], env: { ...process.env, JACK_NO_AUDIO_RESERVATION: "1" },
    });
    closeSync(log);
    const server = new JackServer(name, child, logPath);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`jackd did not start: ${readFileSync(logPath, "utf8")}`);
    return server;
  }

  /** Xruns jackd has logged so far (late driver cycles, late clients). */
  loggedXruns(): number {
    return readFileSync(this.logPath, "utf8").split("\n").filter((line) => line.includes("XRun")).length;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.logPath, { force: true });
  }
}
