// One track -> one engine channel (strip settings, insert chain, sends, clips, automation).
import { ipc } from "@loophole/contract";
import type { AudioClip, Clip } from "../model/clip";
import type { Project } from "../model/project";
import { decodeState } from "../model/plugin";
import type { Track } from "../model/track";
import type { TempoIndex } from "../time/tempo-index";
import type { MediaGate } from "../ops/context";
import { automationCurves } from "./automation";
import { midiEvents } from "./midi";
import { builtIn, channelKind, dbToLinear, fadeShape, isolation, pluginFormat } from "./units";

export interface ChannelContext {
  readonly project: Project;
  readonly tempo: TempoIndex;
  readonly sampleRate: number;
  readonly outputNum: number;
  readonly muted: boolean;
  /** Clip files the engine may read; without it, paths go out as they are. */
  readonly media?: MediaGate | undefined;
}

function audioClip(c: AudioClip, file: string, idx: TempoIndex, sr: number): ipc.AudioClipT {
  const start = idx.sample(c.start, sr);
  const end = idx.sample(c.start + c.length, sr);
  const fadeIn = idx.sample(c.start + c.fadeIn.beats, sr) - start;
  const fadeOut = end - idx.sample(c.start + c.length - c.fadeOut.beats, sr);
  return new ipc.AudioClipT(
    c.num, file, BigInt(start), BigInt(end - start), BigInt(Math.round(c.sourceOffset * sr)),
    BigInt(c.loopSeconds === null ? 0 : Math.max(1, Math.round(c.loopSeconds * sr))),
    dbToLinear(c.gainDb), BigInt(fadeIn), BigInt(fadeOut), fadeShape[c.fadeIn.shape], fadeShape[c.fadeOut.shape],
  );
}

const byStart = (a: Clip, b: Clip): number => a.start - b.start || a.num - b.num;

export function deriveChannel(track: Track, ctx: ChannelContext): ipc.ChannelT {
  const { tempo: idx, sampleRate: sr, project } = ctx;
  const clips = Object.values(track.clips).sort(byStart);
  return new ipc.ChannelT(
    track.num,
    channelKind(track.kind),
    track.name,
    ctx.outputNum,
    dbToLinear(track.gainDb),
    track.pan,
    ctx.muted,
    track.polarityInvert,
    track.plugins.map((p) => new ipc.ProcessorT(
      p.num, pluginFormat[p.format], p.uid === "" ? null : p.uid, p.builtin ? builtIn[p.builtin] : ipc.BuiltInKind.None,
      Array.from(decodeState(p.state)), p.bypass, isolation[p.isolation],
      p.sidechainFrom === null ? 0 : project.tracks.get(p.sidechainFrom)?.num ?? 0,
    )),
    track.sends.map((s) => new ipc.SendT(s.num, project.tracks.get(s.target)?.num ?? 0, dbToLinear(s.gainDb), s.preFader)),
    clips.flatMap((c) => {
      if (c.kind !== "audio") return [];
      // A file the project may not make us read is left out, as if missing (session.missing() says why).
      const file = ctx.media ? ctx.media.check(c.file) : { ok: true as const, path: c.file };
      return file.ok ? [audioClip(c, file.path, idx, sr)] : [];
    }),
    clips.flatMap((c) => {
      if (c.kind !== "midi") return [];
      const start = idx.sample(c.start, sr);
      const { events, loopLength } = midiEvents(c, idx, sr);
      return [new ipc.MidiClipT(c.num, BigInt(start), BigInt(idx.sample(c.start + c.length, sr) - start), loopLength, events)];
    }),
    automationCurves(track, idx, sr),
  );
}
