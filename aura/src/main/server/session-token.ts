// One random secret per session: every HTTP request and WebSocket upgrade must carry it, so other
// local users and web pages cannot drive the DAW through the loopback port.
import { randomBytes, timingSafeEqual } from "node:crypto";

export function newSessionToken(): string {
  return randomBytes(24).toString("base64url");
}

export function tokenMatches(expected: string, offered: string | null | undefined): boolean {
  if (typeof offered !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}
