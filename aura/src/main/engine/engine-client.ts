// A connection to Signal over its Unix socket: the Hello handshake, commands numbered by seq,
// replies matched by reply_to with a timeout, and unasked frames (telemetry, events) handed on.
import { connect, type Socket } from "node:net";
import { EventEmitter } from "node:events";
import { ipc, encodeFrame, decodeFrame, FrameReader, checkPeerVersion, PROTOCOL_MAJOR, PROTOCOL_MINOR } from "@loophole/contract";

export class EngineError extends Error {
  override name = "EngineError";
  constructor(message: string, readonly code?: number) { super(message); }
}

/** Signal speaks another major protocol version: restarting it will not help. */
export class IncompatibleEngineError extends EngineError {
  override name = "IncompatibleEngineError";
}

export interface EngineInfo { engine: string; pid: number; sampleRate: number; bufferSize: number; backend: string; protocol: string }

interface Pending { resolve: (f: ipc.FrameT) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

export interface EngineClientEvents {
  telemetry: [ipc.TelemetryT];
  event: [ipc.FrameT];
  closed: [Error | null];
}

export class EngineClient extends EventEmitter<EngineClientEvents> {
  private nextSeq = 1n;
  private readonly pending = new Map<bigint, Pending>();
  private readonly reader = new FrameReader();
  private closed = false;

  private constructor(private readonly socket: Socket, private readonly timeoutMs: number) {
    super();
    socket.on("data", (chunk) => this.receive(chunk as Buffer));
    socket.on("error", (error) => this.shutDown(error));
    socket.on("close", () => this.shutDown(null));
  }

  /** Connects and completes the handshake; rejects with IncompatibleEngineError on a version mismatch. */
  static async connect(socketPath: string, options: { timeoutMs?: number; peer?: string } = {}): Promise<{ client: EngineClient; info: EngineInfo }> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect(socketPath);
      s.once("connect", () => { s.off("error", reject); resolve(s); });
      s.once("error", reject);
    });
    const client = new EngineClient(socket, options.timeoutMs ?? 5000);
    try {
      const reply = await client.request(ipc.Body.Hello, new ipc.HelloT(PROTOCOL_MAJOR, PROTOCOL_MINOR, options.peer ?? "aura 0.1.0"));
      const welcome = reply.body as ipc.WelcomeT;
      const check = checkPeerVersion(welcome.protocolMajor, welcome.protocolMinor);
      if (!check.compatible) throw new IncompatibleEngineError(`engine ${String(welcome.engine)}: ${check.message}`);
      return {
        client,
        info: {
          engine: String(welcome.engine ?? ""), pid: welcome.pid, sampleRate: welcome.sampleRate,
          bufferSize: welcome.bufferSize, backend: String(welcome.backend ?? ""),
          protocol: `${welcome.protocolMajor}.${welcome.protocolMinor}`,
        },
      };
    } catch (error) {
      client.close();
      if (error instanceof EngineError && error.code === ipc.ErrorCode.IncompatibleVersion) {
        throw new IncompatibleEngineError(`engine refused our protocol ${PROTOCOL_MAJOR}.${PROTOCOL_MINOR}: ${error.message}`, error.code);
      }
      throw error;
    }
  }

  /** Sends one command and resolves with its reply frame; an Error reply rejects with EngineError. */
  request(bodyType: ipc.Body, body: ipc.FrameT["body"], timeoutMs = this.timeoutMs): Promise<ipc.FrameT> {
    if (this.closed) return Promise.reject(new EngineError("engine connection is closed"));
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new EngineError(`engine did not answer ${ipc.Body[bodyType]} (seq ${seq}) within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(seq, { resolve, reject, timer });
      this.socket.write(encodeFrame(new ipc.FrameT(seq, 0n, bodyType, body)));
    });
  }

  close(): void {
    this.socket.destroy();
    this.shutDown(null);
  }

  get isOpen(): boolean { return !this.closed; }

  private receive(chunk: Buffer): void {
    this.reader.append(chunk);
    try {
      for (let wire = this.reader.next(); wire; wire = this.reader.next()) this.dispatch(decodeFrame(wire).unpack());
    } catch (error) {
      // A stream that cannot be framed cannot be resynchronised.
      this.socket.destroy();
      this.shutDown(new EngineError(`engine sent a malformed frame: ${(error as Error).message}`));
    }
  }

  private dispatch(frame: ipc.FrameT): void {
    if (frame.replyTo !== 0n) {
      const waiting = this.pending.get(frame.replyTo);
      if (!waiting) return; // a reply that arrived after its timeout
      this.pending.delete(frame.replyTo);
      clearTimeout(waiting.timer);
      if (frame.bodyType === ipc.Body.Error) {
        const e = frame.body as ipc.ErrorT;
        const field = e.field ? ` (${String(e.field)})` : "";
        waiting.reject(new EngineError(`${ipc.ErrorCode[e.code] ?? "Error"}: ${String(e.message ?? "")}${field}`, e.code));
      } else {
        waiting.resolve(frame);
      }
      return;
    }
    if (frame.bodyType === ipc.Body.Telemetry) this.emit("telemetry", frame.body as ipc.TelemetryT);
    else this.emit("event", frame);
  }

  private shutDown(error: Error | null): void {
    if (this.closed) return;
    this.closed = true;
    const reason = error ?? new EngineError("engine connection closed");
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(reason);
    }
    this.pending.clear();
    this.emit("closed", error);
  }
}
