import { describe, expect, it } from "vitest";
import { checkPeerVersion, PROTOCOL_MAJOR, PROTOCOL_MINOR } from "../src/index";

describe("handshake", () => {
  it("accepts the same major with any minor", () => {
    expect(checkPeerVersion(PROTOCOL_MAJOR, PROTOCOL_MINOR + 3).compatible).toBe(true);
  });
  it("rejects another major and names both versions", () => {
    const check = checkPeerVersion(PROTOCOL_MAJOR + 1, 2);
    expect(check.compatible).toBe(false);
    expect(check.message).toContain(`peer speaks ${PROTOCOL_MAJOR + 1}.2`);
    expect(check.message).toContain(`this side speaks ${PROTOCOL_MAJOR}.${PROTOCOL_MINOR}`);
  });
});
