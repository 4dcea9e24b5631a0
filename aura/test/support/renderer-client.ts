// A Node WebSocket client speaking the renderer's channels, for main-process tests.
import WebSocket from "ws";
import type { EventChannel, Events, MainMessage, RequestChannel, Requests } from "../../src/channels";

export class RendererClient {
  private nextId = 1;
  /** Every event received, with when it arrived (performance.now(), for timing tests). */
  readonly events: { channel: EventChannel; payload: unknown; at: number }[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString()) as MainMessage;
      if (m.kind === "event") this.events.push({ channel: m.channel, payload: m.payload, at: performance.now() });
    });
  }

  static open(origin: string, token: string): Promise<RendererClient> {
    const ws = new WebSocket(`${origin.replace("http", "ws")}/channels?token=${token}`, { headers: { origin } });
    return new Promise((resolve, reject) => { ws.once("open", () => resolve(new RendererClient(ws))); ws.once("error", reject); });
  }

  request<C extends RequestChannel>(channel: C, params: Requests[C]["params"]): Promise<Requests[C]["result"]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(data.toString()) as MainMessage;
        if (m.kind !== "response" || m.id !== id) return;
        this.ws.off("message", onMessage);
        if (m.ok) resolve(m.result as Requests[C]["result"]); else reject(new Error(m.error));
      };
      this.ws.on("message", onMessage);
      this.ws.send(JSON.stringify({ kind: "request", id, channel, params }));
    });
  }

  latest<E extends EventChannel>(channel: E): Events[E] | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) if (this.events[i]!.channel === channel) return this.events[i]!.payload as Events[E];
    return undefined;
  }

  close(): void { this.ws.close(); }
}

export function until<T>(check: () => T | undefined | false | null, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      let value: T | undefined | false | null;
      try { value = check(); } catch { value = undefined; }
      if (value) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`${what} not met within ${timeoutMs} ms`));
      setTimeout(poll, 25);
    };
    poll();
  });
}
