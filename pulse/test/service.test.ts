import { describe, expect, test } from "vitest";
import { localService, ProjectSession } from "../src/index";
import { smallSession } from "./helpers";

describe("the async service face", () => {
  test("returns plain results and rejections as data", async () => {
    const svc = localService(smallSession());
    const ok = await svc.apply([{ op: "track.setGain", track: "kick", gainDb: -3 }], { label: "Gain" });
    expect(ok).toEqual({ ok: true, value: { revision: 2, changes: { added: [], changed: [{ kind: "track", track: "kick" }], removed: [] } } });
    const bad = await svc.apply([{ op: "track.setGain", track: "kick", gainDb: 99 }]);
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.error.code).toBe("OutOfRange");
    expect((await svc.history()).undo.map((e) => e.label)).toEqual(["Setup", "Gain"]);
    expect((await svc.undo()).ok).toBe(true);
    const d = await svc.diffSince(12345);
    expect(d.ok === false && d.error.code).toBe("RevisionUnavailable");
    expect((await svc.load("/nonexistent/x.lphl")).ok).toBe(false);
    expect((await svc.project()).tracks.get("kick")!.gainDb).toBe(0);
  });

  test("saving without a path is a typed error, not a crash", async () => {
    const svc = localService(ProjectSession.create());
    const r = await svc.save();
    expect(r.ok === false && r.error.code).toBe("InvalidOperation");
  });
});

test("soloing a bus keeps the tracks that feed it", () => {
  const s = smallSession();
  s.apply([{ op: "track.setOutput", track: "lead", output: "verb" }, { op: "track.setSolo", track: "verb", solo: true }]);
  const muted = s.deriveGraph().channels.filter((c) => c.mute).map((c) => c.name);
  expect(muted).toEqual(["Drums", "Kick", "Snare"]);
});
