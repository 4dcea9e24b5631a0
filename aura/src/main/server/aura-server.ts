// The main process's face to the renderer: HTTP for the bundle, one WebSocket for the typed
// channels. Bound to 127.0.0.1 on a random free port; every request is checked by request-guard.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { parseRendererMessage, type EventChannel, type Events, type MainMessage, type RequestChannel, type Requests } from "../../channels";
import { checkRequest } from "./request-guard";
import { readStaticFile } from "./static-files";

export type RequestHandler<C extends RequestChannel> = (params: Requests[C]["params"]) => Promise<Requests[C]["result"]> | Requests[C]["result"];
export type RequestHandlers = { [C in RequestChannel]: RequestHandler<C> };

export interface AuraServerOptions {
  token: string;
  rendererRoot: string;
  handlers: RequestHandlers;
  port?: number;
  /** Called when a renderer connects, so it can be sent the current state at once. */
  onRendererConnected?: (send: <E extends EventChannel>(channel: E, payload: Events[E]) => void) => void;
}

export class AuraServer {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  private origin = "";

  constructor(private readonly options: AuraServerOptions) {
    this.http = createServer((req, res) => {
      void (async () => {
        const verdict = checkRequest(req, options.token, this.origin);
        if (!verdict.allowed) {
          res.writeHead(verdict.status, { "content-type": "text/plain" }).end(verdict.reason);
          return;
        }
        const url = new URL(req.url ?? "/", this.origin);
        const file = req.method === "GET" ? await readStaticFile(options.rendererRoot, url.pathname) : null;
        if (!file) {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        res.writeHead(200, {
          "content-type": file.type,
          "cache-control": "no-store",
          "content-security-policy": `default-src 'self'; connect-src 'self' ws://${url.host}; style-src 'self' 'unsafe-inline'`,
          // The page's own fetches and reloads then carry the token without it appearing in every URL.
          "set-cookie": `aura_token=${options.token}; HttpOnly; SameSite=Strict; Path=/`,
        }).end(file.body);
      })();
    });
    this.http.on("upgrade", (req, socket, head) => {
      const verdict = checkRequest(req, options.token, this.origin);
      if (!verdict.allowed || new URL(req.url ?? "/", this.origin).pathname !== "/channels") {
        const status = verdict.allowed ? 404 : verdict.status;
        socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, socket));
    });
  }

  async listen(): Promise<{ port: number; origin: string; url: string }> {
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(this.options.port ?? 0, "127.0.0.1", () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return { port, origin: this.origin, url: `${this.origin}/?token=${this.options.token}` };
  }

  broadcast<E extends EventChannel>(channel: E, payload: Events[E]): void {
    const text = JSON.stringify({ kind: "event", channel, payload } satisfies MainMessage);
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.send(text);
  }

  get rendererCount(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private attach(ws: WebSocket, socket: Duplex): void {
    // Answers to a burst of requests (a fader drag) leave in one write per turn, not one each.
    let corked = false;
    const send = (message: MainMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!corked) {
        corked = true;
        socket.cork();
        setImmediate(() => { corked = false; socket.uncork(); });
      }
      ws.send(JSON.stringify(message));
    };
    ws.on("message", (data) => {
      let request;
      try {
        request = parseRendererMessage(data.toString());
      } catch (error) {
        send({ kind: "response", id: -1, ok: false, error: (error as Error).message });
        return;
      }
      const handler = this.options.handlers[request.channel] as (p: unknown) => unknown;
      Promise.resolve()
        .then(() => handler(request.params))
        .then(
          (result) => send({ kind: "response", id: request.id, ok: true, result: result ?? {} }),
          (error: unknown) => send({ kind: "response", id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
        );
    });
    this.options.onRendererConnected?.((channel, payload) => send({ kind: "event", channel, payload }));
  }
}
