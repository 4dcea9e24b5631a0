// Shared builders for Pulse tests.
import { isPulseError, ProjectSession, type Operation, type PulseError, type SessionOptions } from "../src/index";

/** A small mixing setup: two tracks, a reverb bus, a drums folder with a strip. */
export function smallSession(opts: SessionOptions = {}): ProjectSession {
  const s = ProjectSession.create(opts);
  const ops: Operation[] = [
    { op: "track.add", id: "verb", kind: "bus", name: "Reverb" },
    { op: "track.add", id: "drums", kind: "folder", name: "Drums" },
    { op: "track.add", id: "kick", kind: "audio", name: "Kick", parent: "drums" },
    { op: "track.add", id: "snare", kind: "audio", name: "Snare", parent: "drums" },
    { op: "track.add", id: "lead", kind: "instrument", name: "Lead" },
    { op: "send.add", track: "snare", id: "snare-verb", target: "verb", gainDb: -6 },
    { op: "clip.add", track: "kick", clip: { kind: "audio", id: "k1", start: 0, length: 4, file: "/audio/kick.wav" } },
    { op: "clip.add", track: "lead", clip: { kind: "midi", id: "m1", start: 4, length: 4,
      notes: [{ beat: 0, length: 1, pitch: 60, velocity: 100, channel: 0 }] } },
  ];
  s.apply(ops, { label: "Setup" });
  return s;
}

/** The PulseError that `f` throws; fails the test when it throws anything else or nothing. */
export function rejection(f: () => unknown): PulseError {
  try {
    f();
  } catch (e) {
    if (isPulseError(e)) return e;
    throw e;
  }
  throw new Error("expected a PulseError");
}
