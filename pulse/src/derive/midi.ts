// A MIDI clip's notes, controllers and pitch bend -> raw MIDI 1.0 events at sample offsets from the
// clip start. Only content before the loop length (or the clip end) plays; notes still sounding there
// are cut one sample before it, so every note-on has its note-off inside the played region.
// At equal times: note-offs first, then controllers, pitch bend, note-ons (a repeated note retriggers).
import { ipc } from "@loophole/contract";
import type { MidiClip } from "../model/clip";
import type { TempoIndex } from "../time/tempo-index";

interface Ev { time: number; rank: number; status: number; d1: number; d2: number }

export function midiEvents(clip: MidiClip, idx: TempoIndex, sampleRate: number): { events: ipc.MidiEventT[]; loopLength: bigint } {
  const start = idx.sample(clip.start, sampleRate);
  const at = (beat: number): number => idx.sample(clip.start + beat, sampleRate) - start;
  const limitBeats = Math.min(clip.loopBeats ?? clip.length, clip.length);
  const limit = at(limitBeats);
  const evs: Ev[] = [];
  for (const n of clip.notes) {
    if (n.beat < 0 || n.beat >= limitBeats) continue;
    const on = at(n.beat);
    if (on >= limit) continue;
    const off = Math.min(at(n.beat + n.length), limit - 1);
    evs.push({ time: on, rank: 3, status: 0x90 | n.channel, d1: n.pitch, d2: n.velocity });
    evs.push({ time: Math.max(off, on), rank: 0, status: 0x80 | n.channel, d1: n.pitch, d2: 0 });
  }
  for (const c of clip.cc) {
    if (c.beat < 0 || c.beat >= limitBeats) continue;
    evs.push({ time: at(c.beat), rank: 1, status: 0xb0 | c.channel, d1: c.controller, d2: c.value });
  }
  for (const p of clip.pitchBend) {
    if (p.beat < 0 || p.beat >= limitBeats) continue;
    const v = p.value + 8192;
    evs.push({ time: at(p.beat), rank: 2, status: 0xe0 | p.channel, d1: v & 0x7f, d2: v >> 7 });
  }
  evs.sort((a, b) => a.time - b.time || a.rank - b.rank || a.d1 - b.d1);
  return {
    events: evs.map((e) => new ipc.MidiEventT(BigInt(e.time), e.status, e.d1, e.d2)),
    loopLength: clip.loopBeats !== null && clip.loopBeats < clip.length ? BigInt(limit) : 0n,
  };
}
