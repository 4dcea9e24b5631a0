import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import WebSocket from "ws";
import { AuraServer, type RequestHandlers } from "../../../src/main/server/aura-server";
import { newSessionToken, tokenMatches } from "../../../src/main/server/session-token";
import { parseRendererMessage } from "../../../src/channels";

const root = mkdtempSync(join(tmpdir(), "aura-static-"));
writeFileSync(join(root, "index.html"), "<p>renderer</p>");
writeFileSync(join(root, "secret.txt"), "not served");

const handlers = {
  "session.get": () => { throw new Error("not used"); },
  "transport.locate": ({ beat }: { beat: number }) => { if (beat < 0) throw new Error("beat must be >= 0"); return {}; },
} as unknown as RequestHandlers;

let server: AuraServer;
let origin: string;
const token = newSessionToken();

beforeAll(async () => {
  server = new AuraServer({ token, rendererRoot: root, handlers });
  ({ origin } = await server.listen());
});
afterAll(() => server.close());

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

function openSocket(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace("http", "ws")}${path}`, { headers });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
}

describe("session token", () => {
  it("is random and compared exactly", () => {
    expect(newSessionToken()).not.toBe(newSessionToken());
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, token.slice(1))).toBe(false);
    expect(tokenMatches(token, null)).toBe(false);
  });
});

describe("AuraServer", () => {
  it("binds to the loopback address only", () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves the renderer with the token and sets the session cookie", async () => {
    const res = await get(`/?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe("<p>renderer</p>");
    expect(String(res.headers["set-cookie"])).toContain(`aura_token=${token}`);
    expect((await get("/index.html", { cookie: `aura_token=${token}` })).status).toBe(200);
  });

  it("refuses HTTP requests without the token, with a wrong one, or from another origin", async () => {
    expect((await get("/")).status).toBe(401);
    expect((await get("/?token=wrong")).status).toBe(401);
    expect((await get(`/?token=${token}`, { origin: "http://evil.example" })).status).toBe(403);
    expect((await get(`/secret.txt?token=${token}`)).status).toBe(404);
    expect((await get(`/..%2f..%2fetc%2fpasswd?token=${token}`)).status).toBe(404);
  });

  it("refuses WebSocket upgrades without the token or from another origin", async () => {
    await expect(openSocket("/channels")).rejects.toThrow("refused 401");
    await expect(openSocket(`/channels?token=${token}`, { origin: "http://evil.example" })).rejects.toThrow("refused 403");
    const ws = await openSocket(`/channels?token=${token}`, { origin });
    ws.close();
  });

  it("answers requests on listed channels, reports handler errors and unknown channels", async () => {
    const ws = await openSocket(`/channels?token=${token}`, { origin });
    const replies: unknown[] = [];
    const got = new Promise<void>((resolve) => ws.on("message", (d) => { replies.push(JSON.parse(d.toString())); if (replies.length === 3) resolve(); }));
    ws.send(JSON.stringify({ kind: "request", id: 1, channel: "transport.locate", params: { beat: 4 } }));
    ws.send(JSON.stringify({ kind: "request", id: 2, channel: "transport.locate", params: { beat: -1 } }));
    ws.send(JSON.stringify({ kind: "request", id: 3, channel: "fs.readFile", params: {} }));
    await got;
    expect(replies).toContainEqual({ kind: "response", id: 1, ok: true, result: {} });
    expect(replies).toContainEqual({ kind: "response", id: 2, ok: false, error: "beat must be >= 0" });
    expect(replies).toContainEqual({ kind: "response", id: -1, ok: false, error: 'unknown channel "fs.readFile"' });
    server.broadcast("progress", { task: "scan", done: 0.5, detail: "" });
    const event = await new Promise((resolve) => ws.once("message", (d) => resolve(JSON.parse(d.toString()))));
    expect(event).toEqual({ kind: "event", channel: "progress", payload: { task: "scan", done: 0.5, detail: "" } });
    ws.close();
  });
});

describe("parseRendererMessage", () => {
  it("rejects malformed messages with plain reasons", () => {
    expect(() => parseRendererMessage("{")).toThrow("message is not JSON");
    expect(() => parseRendererMessage('{"kind":"request","id":1.5,"channel":"session.get"}')).toThrow("request id must be an integer");
    expect(parseRendererMessage('{"kind":"request","id":1,"channel":"session.get"}')).toEqual({ kind: "request", id: 1, channel: "session.get", params: {} });
  });
});
