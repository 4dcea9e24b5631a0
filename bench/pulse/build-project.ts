// A large synthetic project built directly as data: 1,000 tracks (folders, buses, audio and
// instrument tracks) and 20,000 clips, with plugins, sends and automation on many tracks.
import { createProject, createTrack, type Clip, type Project, type Track } from "@loophole/pulse";

export function buildLargeProject(trackCount = 1000, clipCount = 20_000): Project {
  const clipsPerTrack = Math.ceil(clipCount / (trackCount * 0.9));
  const base = createProject({ title: "Benchmark", now: new Date("2026-01-01T00:00:00Z") });
  let num = base.nextNum;
  const tracks = new Map<string, Track>(base.tracks);
  const order: string[] = [];
  const buses = ["bus-0", "bus-1", "bus-2", "bus-3"];
  for (const id of buses) {
    tracks.set(id, { ...createTrack(id, num++, "bus", id), soloSafe: id === "bus-0" });
    order.push(id);
  }
  let folder: string | null = null;
  let folderChildren: string[] = [];
  const closeFolder = (): void => {
    if (folder) tracks.set(folder, { ...tracks.get(folder)!, children: folderChildren });
    folder = null;
    folderChildren = [];
  };
  let clipsMade = 0;
  for (let i = 0; tracks.size - 1 < trackCount; i++) {
    if (i % 25 === 0) {
      closeFolder();
      folder = `folder-${i}`;
      tracks.set(folder, { ...createTrack(folder, num++, "folder", folder), hasStrip: i % 50 === 0 });
      order.push(folder);
      continue;
    }
    const id = `t-${i}`;
    const kind = i % 3 === 0 ? "instrument" : "audio";
    const clips: Record<string, Clip> = {};
    for (let c = 0; c < clipsPerTrack && clipsMade < clipCount; c++) {
      const cid = `c-${i}-${c}`;
      clips[cid] = kind === "audio"
        ? { id: cid, num: num++, name: "", kind: "audio", start: c * 8, length: 7, file: `/audio/take-${i}-${c}.wav`,
            sourceOffset: 0.5, gainDb: -3, fadeIn: { beats: 0.25, shape: "Linear" }, fadeOut: { beats: 0.5, shape: "EqualPower" }, loopSeconds: null }
        : { id: cid, num: num++, name: "", kind: "midi", start: c * 8, length: 7, loopBeats: null, cc: [], pitchBend: [],
            notes: [0, 1, 2, 3].map((n) => ({ beat: n, length: 0.5, pitch: 60 + n, velocity: 100, channel: 0 })) };
      clipsMade++;
    }
    const sendNum = num++;
    const pluginNum = num++;
    tracks.set(id, {
      ...createTrack(id, num++, kind, `Track ${i}`),
      parent: folder,
      sends: [{ id: "s", num: sendNum, target: buses[i % buses.length]!, gainDb: -12, preFader: false }],
      plugins: [{ id: "p", num: pluginNum, format: "LV2", uid: "urn:zamaudio:ZamComp", builtin: null, name: "ZamComp", state: "AQID",
        bypass: false, isolation: "Default", sidechainFrom: null }],
      clips,
      automation: i % 10 === 0 ? { vol: { id: "vol", target: { kind: "strip", param: "gain" }, points: [
        { beat: 0, value: -6, shape: "Linear", tension: 0 }, { beat: 64, value: 0, shape: "Hold", tension: 0 }] } } : {},
    });
    if (folder) folderChildren.push(id);
    else order.push(id);
  }
  closeFolder();
  return { ...base, nextNum: num, tracks, order };
}
