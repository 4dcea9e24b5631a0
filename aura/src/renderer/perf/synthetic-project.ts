// A large synthetic project view for the performance harness: many tracks, dense clips with
// waveforms and note previews, automation, markers and a loop.
import type { ClipView, ProjectView, TrackView } from "../../channels";
import { emptyProject } from "../workspace-state";

export function syntheticProject(trackCount: number, clipCount: number): ProjectView {
  const perTrack = Math.ceil(clipCount / trackCount);
  let made = 0;
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const tracks: TrackView[] = [];
  for (let t = 0; t < trackCount; t++) {
    const midi = t % 3 === 0;
    const clips: ClipView[] = [];
    let beat = 0;
    for (let c = 0; c < perTrack && made < clipCount; c++, made++) {
      const lengthBeats = 2 + Math.floor(random() * 14);
      beat += Math.floor(random() * 4);
      clips.push(midi
        ? { id: `c${made}`, kind: "midi", name: `Pattern ${made}`, startBeat: beat, lengthBeats,
            notes: Array.from({ length: 16 }, (_, i) => ({ id: `n${i}`, pitch: 48 + Math.floor(random() * 24), startBeat: (i * lengthBeats) / 16, lengthBeats: lengthBeats / 20, velocity: 100 })) }
        : { id: `c${made}`, kind: "audio", name: `Take ${made}`, startBeat: beat, lengthBeats,
            peaks: Array.from({ length: 256 }, () => random()) });
      beat += lengthBeats;
    }
    tracks.push({
      id: `t${t}`, engineId: t + 2, kind: midi ? "instrument" : "audio", name: `Track ${t + 1}`, gainDb: 0, pan: 0, mute: false, solo: false,
      plugins: [{ id: `p${t}`, engineId: 10_000 + t, name: "ZamEQ2", uid: "lv2:zameq2", bypass: false, parameters: [], isolation: "Default", builtin: false }], sends: [], clips,
      automation: t % 10 === 0 ? [{ id: `a${t}`, parameter: "gain", points: Array.from({ length: 32 }, (_, i) => ({ beat: i * 8, value: random() })) }] : [],
    });
  }
  return {
    ...emptyProject, revision: 1, name: "synthetic", tracks,
    loop: { enabled: true, startBeat: 16, endBeat: 48 },
    markers: Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, beat: i * 64, name: `Marker ${i + 1}` })),
  };
}
