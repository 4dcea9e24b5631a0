// Decides whether an HTTP request or WebSocket upgrade may proceed: the session token must be
// present (query `token=` or cookie `aura_token`), and a browser-sent Origin must be our own.
import type { IncomingMessage } from "node:http";
import { tokenMatches } from "./session-token";

export type GuardVerdict = { allowed: true } | { allowed: false; status: number; reason: string };

export function offeredToken(req: IncomingMessage): string | null {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const fromQuery = url.searchParams.get("token");
  if (fromQuery) return fromQuery;
  const cookie = req.headers.cookie ?? "";
  for (const part of cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "aura_token") return rest.join("=");
  }
  return null;
}

export function checkRequest(req: IncomingMessage, token: string, ownOrigin: string): GuardVerdict {
  const origin = req.headers.origin;
  // Browsers always send Origin on WebSocket upgrades and cross-site fetches; a foreign one is refused
  // even with a valid token, so a leaked token alone cannot be used from another web page.
  if (origin !== undefined && origin !== ownOrigin) {
    return { allowed: false, status: 403, reason: `origin ${origin} is not allowed` };
  }
  if (!tokenMatches(token, offeredToken(req))) {
    return { allowed: false, status: 401, reason: "missing or wrong session token" };
  }
  return { allowed: true };
}
