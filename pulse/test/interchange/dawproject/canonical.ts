// A project described without its ids and engine nums, which an import hands out afresh, so two
// projects can be compared for "same content".
import { basename } from "node:path";
import type { AutomationTarget } from "../../../src/model/automation";
import { MASTER_ID } from "../../../src/model/ids";
import type { Project } from "../../../src/model/project";
import type { Track } from "../../../src/model/track";
import { outputOf, tracksInOrder } from "../../../src/model/walk";

const round = (x: number) => Math.round(x * 1e6) / 1e6 + 0; // + 0: -0 and 0 are the same level

export function canonical(project: Project) {
  const name = (id: string | null) => (id === null ? null : project.tracks.get(id)!.name);
  const target = (t: Track, x: AutomationTarget) =>
    x.kind === "strip" ? x
      : x.kind === "send" ? { kind: "send", send: t.sends.findIndex((s) => s.id === x.send) }
      : { kind: "plugin", plugin: t.plugins.findIndex((p) => p.id === x.plugin), param: x.param };
  const track = (t: Track) => ({
    kind: t.kind, name: t.name, parent: name(t.parent), hasStrip: t.hasStrip, children: t.children.map(name),
    gainDb: round(t.gainDb), pan: round(t.pan), mute: t.mute, solo: t.solo, output: name(outputOf(project, t)),
    soloSafe: t.soloSafe, polarityInvert: t.polarityInvert,
    sends: t.sends.map((s) => ({ target: name(s.target), gainDb: round(s.gainDb), preFader: s.preFader })),
    plugins: t.plugins.map(({ id: _id, num: _num, ...rest }) => ({ ...rest, sidechainFrom: name(rest.sidechainFrom) })),
    clips: Object.values(t.clips)
      .sort((a, b) => a.start - b.start)
      .map(({ id: _id, num: _num, ...rest }) => ("file" in rest ? { ...rest, file: basename(rest.file) } : rest)),
    automation: Object.values(t.automation)
      .map((l) => ({ target: target(t, l.target), points: l.points.map((p) => ({ ...p, value: round(p.value) })) }))
      .sort((a, b) => JSON.stringify(a.target).localeCompare(JSON.stringify(b.target))),
  });
  return {
    meta: { title: project.meta.title, artist: project.meta.artist, notes: project.meta.notes },
    tempo: project.tempo,
    tracks: [...tracksInOrder(project), project.tracks.get(MASTER_ID)!].map(track),
    loop: project.loop,
    markers: Object.values(project.markers).map((m) => ({ name: m.name, beat: m.beat })).sort((a, b) => a.beat - b.beat),
  };
}
