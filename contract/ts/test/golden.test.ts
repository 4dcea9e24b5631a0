// The golden vectors in chorus/ipc/golden are encoded frames shared with the C++ side.
// Each is decoded, re-encoded with the generated TS code, and both are checked against
// the vector's JSON twin, rendered canonically by flatc through the schema itself.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, FrameReader, ipc } from "../src/index";

const schemaDir = join(import.meta.dirname, "../../../chorus/ipc");
const goldenDir = join(schemaDir, "golden");
const vectors = readdirSync(goldenDir).filter((f) => f.endsWith(".bin")).sort();

function flatcJson(args: string[], input: string): string {
  const out = mkdtempSync(join(tmpdir(), "golden-"));
  execFileSync("flatc", ["--json", "--strict-json", "-o", out, ...args, join(schemaDir, "frame.fbs"), "--", input]);
  const produced = readdirSync(out).find((f) => f.endsWith(".json"));
  if (!produced) throw new Error(`flatc produced no JSON for ${input}`);
  return readFileSync(join(out, produced), "utf8");
}

/** Readers see an absent vector and an empty one alike; the TS object API writes empty
 *  vectors where C++ and flatc omit them, so both count as the same canonical form. */
function withoutEmptyVectors(json: string): string {
  return JSON.stringify(JSON.parse(json), (_key, value) =>
    Array.isArray(value) && value.length === 0 ? undefined : value, 2);
}

/** Canonical JSON of wire bytes (size-prefixed frame). */
function canonicalOfWire(wire: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "wire-"));
  const path = join(dir, "frame.bin");
  writeFileSync(path, wire);
  return withoutEmptyVectors(flatcJson(["--raw-binary", "--size-prefixed"], path));
}

/** Canonical JSON of a hand-written JSON vector: through flatc's binary and back. */
function canonicalOfJson(jsonPath: string): string {
  const dir = mkdtempSync(join(tmpdir(), "json-"));
  execFileSync("flatc", ["-b", "--size-prefixed", "-o", dir, join(schemaDir, "frame.fbs"), jsonPath]);
  const bin = readdirSync(dir).find((f) => f.endsWith(".bin"))!;
  return canonicalOfWire(readFileSync(join(dir, bin)));
}

describe("golden vectors", () => {
  it("has the shared set", () => expect(vectors.length).toBeGreaterThanOrEqual(8));

  for (const vector of vectors) {
    it(`${vector} decodes, re-encodes and matches its JSON`, () => {
      const reader = new FrameReader();
      reader.append(new Uint8Array(readFileSync(join(goldenDir, vector))));
      const wire = reader.next()!;
      expect(wire).toBeDefined();
      expect(reader.bufferedBytes).toBe(0);

      const reencoded = encodeFrame(decodeFrame(wire).unpack());
      const expected = canonicalOfJson(join(goldenDir, vector.replace(/\.bin$/, ".json")));
      expect(canonicalOfWire(wire)).toBe(expected);
      expect(canonicalOfWire(reencoded)).toBe(expected);
    });
  }

  it("load-graph carries the fields Pulse sends", () => {
    const frame = decodeFrame(new Uint8Array(readFileSync(join(goldenDir, "load-graph.bin"))));
    expect(frame.bodyType()).toBe(ipc.Body.LoadGraph);
    const graph = (frame.body(new ipc.LoadGraph()) as ipc.LoadGraph).snapshot()!;
    expect(graph.channelsLength()).toBe(4);
    const drums = graph.channels(2)!;
    expect(drums.name()).toBe("Drums");
    expect(drums.pan()).toBeCloseTo(-0.25);
    expect(drums.audioClips(0)!.sourceOffset()).toBe(4800n);
    expect(drums.automation(0)!.points(1)!.shape()).toBe(ipc.CurveShape.Tension);
    expect(graph.tempoMap(1)!.beatsPerBar()).toBe(3);
    expect(graph.channels(3)!.processors(1)!.sidechainFrom()).toBe(3);
  });
});

describe("framing", () => {
  it("reassembles frames split at every byte", () => {
    const stream: number[] = [];
    for (let i = 1n; i <= 3n; i++) {
      const frame = new ipc.FrameT(i, 0n, ipc.Body.Ping, new ipc.PingT(i * 100n));
      stream.push(...encodeFrame(frame));
    }
    const reader = new FrameReader();
    const nonces: bigint[] = [];
    for (const byte of stream) {
      reader.append(Uint8Array.of(byte));
      for (let wire = reader.next(); wire; wire = reader.next()) {
        nonces.push((decodeFrame(wire).body(new ipc.Ping()) as ipc.Ping).nonce());
      }
    }
    expect(nonces).toEqual([100n, 200n, 300n]);
  });

  it("refuses an oversized announcement and foreign bytes", () => {
    const reader = new FrameReader();
    reader.append(Uint8Array.of(0xff, 0xff, 0xff, 0x7f));
    expect(() => reader.next()).toThrow(/exceeds/);
    expect(() => decodeFrame(Uint8Array.of(1, 2, 3))).toThrow(/too short/);
    const wire = encodeFrame(new ipc.FrameT(1n, 0n, ipc.Body.Ping, new ipc.PingT(7n)));
    const foreign = wire.slice();
    foreign[8] = "X".charCodeAt(0);
    expect(() => decodeFrame(foreign)).toThrow(/identifier/);
    expect(() => decodeFrame(wire.slice(0, wire.length - 4))).toThrow(/does not match/);
  });
});
