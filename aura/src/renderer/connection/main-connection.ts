// The renderer's only link to the main process: typed requests and pushed events over one
// WebSocket, reconnecting when the main process comes back (e.g. after a browser reload).
import type { EventChannel, Events, MainMessage, RequestChannel, Requests } from "../../channels";

type Listener<E extends EventChannel> = (payload: Events[E]) => void;

export class MainConnection {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<EventChannel, Set<Listener<never>>>();
  private readonly openListeners = new Set<(open: boolean) => void>();

  constructor(private readonly url: string) {}

  connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => this.openListeners.forEach((l) => l(true));
    socket.onmessage = (e) => this.receive(JSON.parse(String(e.data)) as MainMessage);
    socket.onclose = () => {
      for (const p of this.pending.values()) p.reject(new Error("connection to the main process closed"));
      this.pending.clear();
      this.openListeners.forEach((l) => l(false));
      setTimeout(() => this.connect(), 1000);
    };
  }

  request<C extends RequestChannel>(channel: C, params: Requests[C]["params"]): Promise<Requests[C]["result"]> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error("not connected to the main process"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ kind: "request", id, channel, params }));
    });
  }

  on<E extends EventChannel>(channel: E, listener: Listener<E>): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener as Listener<never>);
  }

  onOpenChange(listener: (open: boolean) => void): void {
    this.openListeners.add(listener);
  }

  private receive(message: MainMessage): void {
    if (message.kind === "event") {
      for (const l of this.listeners.get(message.channel) ?? []) (l as (p: unknown) => void)(message.payload);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  }
}

/** The WebSocket URL for the page's own origin, carrying the token the page was opened with. */
export function channelsUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get("token") ?? new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  return `ws://${location.host}/channels?token=${encodeURIComponent(token)}`;
}
