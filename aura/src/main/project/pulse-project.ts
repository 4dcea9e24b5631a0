// The one module that calls Pulse: opens a ProjectSession, turns Aura's edits into Pulse operations,
// and projects Pulse's project into the renderer's ProjectView. A change in Pulse's API stays here.
import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import {
  ProjectSession, tempoIndex, tracksInOrder, MASTER_ID, isStreamable, netEffect, MediaAccess,
  type Operation, type Project, type Track, type Clip, type AutomationLane,
} from "@loophole/pulse";
import type { ipc } from "@loophole/contract";
import type { CatalogueChange, ClipView, Edit, PluginParameterView, ProjectView, RecoveryNotice, TrackView } from "../../channels";
import { isValueMoveEdit, type ProjectPort } from "./project-port";
import { fromLaneValue, toLaneValue } from "./automation-range";
import { PluginCatalogueIndex } from "./plugin-catalogue";
import { clipPeaks, PeakCache } from "../audio/audio-peaks";
import { MediaFolders } from "./media-folders";

export const SESSION_SAMPLE_RATE = 48_000;

/** Opens `path` with every journalled edit since its last save (crash recovery, ADR 0003), or a new
 *  project saved there. An untitled project also lives in a file (in Aura's state directory), so its
 *  edits are journalled like any other; it only refuses a save without a path. */
export async function openPulseProject(path?: string, log: (line: string) => void = () => {}, libraryPath?: string, options: { untitled?: boolean; mediaFolders?: MediaFolders } = {}): Promise<PulseProject> {
  const plugins = new PluginCatalogueIndex(libraryPath);
  await plugins.loadLibrary();
  // Clip files are read only from the project's folder and the user's media folders (chorus/model §5).
  const folders = options.mediaFolders ?? new MediaFolders(null);
  const media = { folders, access: new MediaAccess({ projectDir: path ? dirname(resolve(path)) : null, userRoots: folders.list() }) };
  const opts = { sampleRate: SESSION_SAMPLE_RATE, journal: true, autosave: false as const, env: { media: media.access } };
  const untitledPath = options.untitled ? path : undefined;
  if (path && existsSync(path)) {
    const { session, source, replayed } = await ProjectSession.recover(path, opts);
    const recovery = source === "journal" || source === "autosave" ? recoveryNotice(path, untitledPath ? `the unsaved project "${session.project.meta.title}"` : `"${basename(path)}"`, source, replayed) : null;
    if (recovery) log(`aura: recovered ${path} from its ${source} (${replayed} edits after the last save)`);
    return new PulseProject(session, plugins, recovery, untitledPath, media);
  }
  const session = ProjectSession.create({ ...opts, title: path && !untitledPath ? basename(path).replace(/\.[^.]*$/, "") : "Untitled" });
  if (path) await session.save(path);
  return new PulseProject(session, plugins, null, untitledPath, media);
}

function recoveryNotice(path: string, name: string, source: "journal" | "autosave", replayed: number): RecoveryNotice {
  const message = source === "journal"
    ? `Recovered ${name} after an unclean exit: ${replayed} unsaved edit${replayed === 1 ? "" : "s"} restored from its journal.`
    : `Recovered ${name} after an unclean exit, from its autosave (newer than the last save).`;
  return { path, source, replayed, message };
}

export interface ProjectMedia {
  readonly access: MediaAccess;
  readonly folders: MediaFolders;
}

export class PulseProject implements ProjectPort {
  private readonly peakFiles = new PeakCache();
  /** Views of unchanged clips are reused: Pulse's clips are immutable, so identity means unchanged. */
  private readonly clipViews = new WeakMap<Clip, { tempo: Project["tempo"]; mediaEpoch: number; view: ClipView }>();
  /** Counts changes of the media folders: a clip's view says whether its file may be read. */
  private mediaEpoch = 0;

  constructor(
    readonly session: ProjectSession,
    readonly plugins = new PluginCatalogueIndex(),
    readonly recovery: RecoveryNotice | null = null,
    /** Where an untitled project is journalled; not a place the user chose to save to. */
    private readonly untitledPath?: string,
    /** Pulse's media gate and the folders behind it; without it every path is taken as it is (tests). */
    private readonly media: ProjectMedia | null = null,
  ) {}

  get revision(): number { return this.session.revision; }
  get sampleRate(): number { return SESSION_SAMPLE_RATE; }

  subscribe(listener: () => void): () => void {
    return this.session.subscribe(() => listener());
  }

  edit(edit: Edit, gesture?: string): void {
    if (typeof edit !== "object" || edit === null) throw new Error("an edit must be an object");
    if (gesture !== undefined && typeof gesture !== "string") throw new Error("a gesture id must be a string");
    const ops = this.operationsFor(edit);
    this.session.apply(ops, { label: labelOf(edit), ...(gesture !== undefined ? { gesture } : {}) });
  }

  streamedChanges(edit: Edit): ipc.SetParameterT[] | null {
    if (!isValueMoveEdit(edit)) return null;
    return this.session.parameterChangesOf(this.operationsFor(edit));
  }

  commitMoves(edits: readonly Edit[], gesture: string): void {
    if (edits.length === 0) return;
    const ops = edits.flatMap((e) => this.operationsFor(e));
    if (!ops.every(isStreamable)) throw new Error("only value moves can be committed as a stream");
    this.session.apply(netEffect(ops), { label: labelOf(edits[0]!), gesture });
  }

  undo(): void { this.session.undo(); }
  redo(): void { this.session.redo(); }

  engineSnapshot(): ipc.GraphSnapshotT { return this.session.deriveGraph(); }

  engineDiffSince(revision: number): ipc.GraphDiffT | null {
    try { return this.session.diffSince(revision); } catch { return null; }
  }

  recheckMedia(): void {
    this.media?.access.forget();
    this.verdictsChanged();
  }

  /** The media gate answers differently now: the engine graph and the clip views follow. */
  private verdictsChanged(): void {
    this.session.mediaChanged();
    this.mediaEpoch++;
  }

  beatToSample(beat: number): bigint {
    return BigInt(tempoIndex(this.session.project.tempo).sample(Math.max(0, beat), SESSION_SAMPLE_RATE));
  }

  sampleToBeat(sample: bigint): number {
    return tempoIndex(this.session.project.tempo).beatAfterSeconds(0, Number(sample) / SESSION_SAMPLE_RATE);
  }

  catalogue() { return this.plugins.view(); }

  setScannedPlugins(catalogue: ipc.PluginCatalogueT): void { this.plugins.setScan(catalogue); }

  setFavourite(uid: string, favourite: boolean): Promise<void> { return this.plugins.setFavourite(uid, favourite); }
  organiseCatalogue(change: CatalogueChange): Promise<void> { return this.plugins.organise(change); }

  processorId(trackId: string, pluginId: string): number {
    const plugin = this.track(trackId).plugins.find((p) => p.id === pluginId);
    if (!plugin) throw new Error(`track "${trackId}" has no plugin "${pluginId}"`);
    return plugin.num;
  }

  get file(): string | null {
    const path = this.session.path;
    return path && path !== this.untitledPath ? path : null;
  }

  async save(path?: string): Promise<string> {
    if (!path && (!this.session.path || this.session.path === this.untitledPath)) throw new Error("this project has no file yet: start Aura with a project path or save with a path");
    await this.session.save(path);
    return this.session.path!;
  }

  loop(): ProjectView["loop"] {
    const l = this.session.project.loop;
    return l ? { enabled: l.enabled, startBeat: l.start, endBeat: l.end } : { enabled: false, startBeat: 0, endBeat: 16 };
  }

  view(): ProjectView {
    const p = this.session.project;
    const history = this.session.history();
    const master = trackById(p, MASTER_ID);
    const tracks = [...tracksInOrder(p), ...(master ? [master] : [])].map((t) => trackView(p, t, (c) => this.clipView(p, c), (format, uid) => this.plugins.parametersOf(format, uid)));
    return {
      revision: this.session.revision,
      name: p.meta.title,
      tempoBpm: p.tempo.tempos[0]?.bpm ?? 120,
      tempos: p.tempo.tempos.map((t) => ({ beat: t.beat, bpm: t.bpm })),
      beatsPerBar: p.tempo.meters[0]?.numerator ?? 4,
      sampleRate: SESSION_SAMPLE_RATE,
      loop: this.loop(),
      markers: Object.values(p.markers).sort((a, b) => a.beat - b.beat).map((m) => ({ id: m.id, beat: m.beat, name: m.name })),
      tracks,
      missingMedia: tracks.flatMap((t) => t.clips.flatMap((c) => (c.missing ? [`${t.name} / ${c.name}: ${c.missing}`] : []))),
      canUndo: this.session.canUndo,
      canRedo: this.session.canRedo,
      history: [...history.undo, ...history.redo].map((e) => ({ label: e.label })),
      historyCursor: history.undo.length - 1,
    };
  }

  private clipView(project: Project, c: Clip): ClipView {
    const cached = this.clipViews.get(c);
    // Audio waveforms depend on the tempo map (beats to file seconds); MIDI views do not.
    if (cached && (c.kind === "midi" || (cached.tempo === project.tempo && cached.mediaEpoch === this.mediaEpoch))) return cached.view;
    let view: ClipView;
    if (c.kind === "midi") {
      view = {
        id: c.id, kind: "midi", name: c.name || "MIDI clip", startBeat: c.start, lengthBeats: c.length,
        notes: c.notes.map((n, i) => ({ id: String(i), pitch: n.pitch, startBeat: n.beat, lengthBeats: n.length, velocity: n.velocity })),
      };
    } else {
      view = {
        id: c.id, kind: "audio", name: c.name || basename(c.file), startBeat: c.start, lengthBeats: c.length,
        gainDb: c.gainDb, fadeInBeats: c.fadeIn.beats, fadeOutBeats: c.fadeOut.beats, fadeInShape: c.fadeIn.shape, fadeOutShape: c.fadeOut.shape,
      };
      const readable = this.readable(c.file);
      const file = readable.ok ? this.peakFiles.get(readable.path) : null;
      if (!readable.ok) view.missing = readable.message;
      if (file) {
        const idx = tempoIndex(project.tempo);
        view.peaks = clipPeaks(file, c.sourceOffset, idx.seconds(c.start + c.length) - idx.seconds(c.start), c.loopSeconds);
      }
    }
    this.clipViews.set(c, { tempo: project.tempo, mediaEpoch: this.mediaEpoch, view });
    return view;
  }

  /** Where clip file `ref` may be read, or why not (the gate's verdict; without a gate, whether it exists). */
  private readable(ref: string): { ok: true; path: string } | { ok: false; message: string } {
    if (!this.media) return existsSync(ref) ? { ok: true, path: ref } : { ok: false, message: `The audio file "${ref}" does not exist.` };
    const verdict = this.media.access.check(ref);
    return verdict.ok ? verdict : { ok: false, message: verdict.error.message };
  }

  /** A file the user imported by hand: its folder becomes one of their media folders. */
  private pickedByUser(file: string): string {
    if (this.media && typeof file === "string" && this.media.folders.addFolderOf(file)) {
      this.media.access.allow(dirname(resolve(file)));
      this.verdictsChanged();
    }
    return file;
  }

  private track(id: string): Track {
    const t = trackById(this.session.project, id);
    if (!t) throw new Error(`there is no track "${id}"`);
    return t;
  }

  private clip(clipId: string): { track: Track; clip: Clip } {
    for (const track of allTracks(this.session.project)) {
      const clip = track.clips[clipId];
      if (clip) return { track, clip };
    }
    throw new Error(`there is no clip "${clipId}"`);
  }

  private operationsFor(edit: Edit): Operation[] {
    const p = this.session.project;
    switch (edit.type) {
      case "addTrack": {
        const count = allTracks(p).filter((t) => t.kind === edit.kind).length + 1;
        const name = edit.name ?? `${edit.kind[0]!.toUpperCase()}${edit.kind.slice(1)} ${count}`;
        if (edit.kind === "master") throw new Error("a project has exactly one master");
        return [{ op: "track.add", kind: edit.kind, name }];
      }
      case "removeTrack": return [{ op: "track.remove", track: edit.trackId }];
      case "renameTrack": return [{ op: "track.rename", track: edit.trackId, name: edit.name }];
      case "moveTrack": {
        const track = this.track(edit.trackId);
        const before = edit.beforeTrackId === null ? null : this.track(edit.beforeTrackId);
        if (before?.id === track.id) throw new Error("a track cannot be moved before itself");
        const parent = before ? before.parent : track.parent;
        // Pulse places the track at index after taking it out of its old place.
        const siblings = (parent === null ? p.order : this.track(parent).children).filter((id) => id !== track.id);
        return [{ op: "track.move", track: track.id, parent, index: before ? siblings.indexOf(before.id) : siblings.length }];
      }
      case "setTrackGain": return [{ op: "track.setGain", track: edit.trackId, gainDb: edit.gainDb }];
      case "setTrackPan": return [{ op: "track.setPan", track: edit.trackId, pan: edit.pan }];
      case "setTrackMute": return [{ op: "track.setMute", track: edit.trackId, mute: edit.mute }];
      case "setTrackSolo": return [{ op: "track.setSolo", track: edit.trackId, solo: edit.solo }];
      case "addPlugin": {
        const entry = this.plugins.resolve(edit.uid);
        if (!entry) throw new Error(`plugin "${edit.uid}" is not in the catalogue (rescan plugins?)`);
        return [{
          op: "plugin.insert", track: edit.trackId, format: entry.format, uid: entry.uid,
          builtin: entry.builtin, name: entry.name, ...(edit.index !== undefined ? { index: edit.index } : {}),
        }];
      }
      case "removePlugin": return [{ op: "plugin.remove", track: edit.trackId, plugin: edit.pluginId }];
      case "setPluginBypass": return [{ op: "plugin.set", track: edit.trackId, plugin: edit.pluginId, bypass: edit.bypass }];
      case "setPluginIsolation": return [{ op: "plugin.set", track: edit.trackId, plugin: edit.pluginId, isolation: edit.isolation }];
      case "addSend": return [{ op: "send.add", track: edit.trackId, target: edit.target, ...(edit.gainDb !== undefined ? { gainDb: edit.gainDb } : {}) }];
      case "setSendGain": return [{ op: "send.set", track: edit.trackId, send: edit.sendId, gainDb: edit.gainDb }];
      case "removeSend": return [{ op: "send.remove", track: edit.trackId, send: edit.sendId }];
      case "addClip": {
        if (edit.kind === "midi") return [{ op: "clip.add", track: edit.trackId, clip: { kind: "midi", start: edit.startBeat, length: edit.lengthBeats } }];
        if (!edit.file) throw new Error("an audio clip needs a file");
        let length = edit.lengthBeats;
        if (!(length > 0)) {
          // No length given: the whole file, measured in beats from where the clip starts.
          const readable = this.readable(this.pickedByUser(edit.file));
          if (!readable.ok) throw new Error(readable.message);
          const file = this.peakFiles.get(readable.path);
          if (!file) throw new Error(`cannot read audio file ${edit.file} (WAV files are supported)`);
          length = tempoIndex(p.tempo).beatAfterSeconds(edit.startBeat, file.seconds) - edit.startBeat;
        }
        return [{ op: "clip.add", track: edit.trackId, clip: { kind: "audio", name: basename(edit.file), start: edit.startBeat, length, file: edit.file } }];
      }
      case "moveClip": {
        const { track } = this.clip(edit.clipId);
        return [{ op: "clip.move", track: track.id, clip: edit.clipId, start: edit.startBeat, ...(edit.trackId !== track.id ? { toTrack: edit.trackId } : {}) }];
      }
      case "trimClip": {
        const { track } = this.clip(edit.clipId);
        return [{ op: "clip.trim", track: track.id, clip: edit.clipId, start: edit.startBeat, end: edit.startBeat + edit.lengthBeats }];
      }
      case "setClipGain": {
        const { track } = this.clip(edit.clipId);
        return [{ op: "clip.set", track: track.id, clip: edit.clipId, gainDb: edit.gainDb }];
      }
      case "setClipFades": {
        const { track, clip } = this.clip(edit.clipId);
        if (clip.kind !== "audio") throw new Error("only audio clips have fades");
        return [{
          op: "clip.set", track: track.id, clip: edit.clipId,
          fadeIn: { beats: edit.fadeInBeats, shape: clip.fadeIn.shape }, fadeOut: { beats: edit.fadeOutBeats, shape: clip.fadeOut.shape },
        }];
      }
      case "splitClip": {
        const { track } = this.clip(edit.clipId);
        return [{ op: "clip.split", track: track.id, clip: edit.clipId, at: edit.atBeat }];
      }
      case "duplicateClip": {
        const { track, clip } = this.clip(edit.clipId);
        const start = clip.start + clip.length;
        if (clip.kind === "midi") {
          return [{ op: "clip.add", track: track.id, clip: { kind: "midi", name: clip.name, start, length: clip.length, notes: [...clip.notes], cc: [...clip.cc], pitchBend: [...clip.pitchBend], loopBeats: clip.loopBeats } }];
        }
        return [{ op: "clip.add", track: track.id, clip: { kind: "audio", name: clip.name, start, length: clip.length, file: clip.file, sourceOffset: clip.sourceOffset, gainDb: clip.gainDb, fadeIn: clip.fadeIn, fadeOut: clip.fadeOut, loopSeconds: clip.loopSeconds } }];
      }
      case "deleteClip": {
        const { track } = this.clip(edit.clipId);
        return [{ op: "clip.remove", track: track.id, clip: edit.clipId }];
      }
      case "addNote": {
        const { track, clip } = this.clip(edit.clipId);
        if (clip.kind !== "midi") throw new Error("notes go into MIDI clips");
        const note = { beat: edit.startBeat, length: edit.lengthBeats, pitch: edit.pitch, velocity: edit.velocity, channel: 0 };
        return [{ op: "clip.set", track: track.id, clip: clip.id, notes: [...clip.notes, note].sort((a, b) => a.beat - b.beat || a.pitch - b.pitch) }];
      }
      case "addAutomationLane":
        return [{ op: "automation.addLane", track: edit.trackId, target: { kind: "strip", param: edit.param }, points: [] }];
      case "addPluginAutomationLane": {
        const plugin = this.track(edit.trackId).plugins.find((pl) => pl.id === edit.pluginId);
        if (!plugin) throw new Error(`track "${edit.trackId}" has no plugin "${edit.pluginId}"`);
        if (!this.plugins.parametersOf(plugin.format, plugin.uid).some((p) => p.index === edit.parameter))
          throw new Error(`${plugin.name || "the plugin"} has no automatable parameter ${edit.parameter}`);
        return [{ op: "automation.addLane", track: edit.trackId, target: { kind: "plugin", plugin: edit.pluginId, param: edit.parameter }, points: [] }];
      }
      case "setAutomationPoint": {
        const lane = this.track(edit.trackId).automation[edit.laneId];
        if (!lane) throw new Error(`track "${edit.trackId}" has no automation lane "${edit.laneId}"`);
        const value = fromLaneValue(laneParam(lane), edit.value);
        const points = lane.points.filter((pt) => pt.beat !== edit.beat);
        points.push({ beat: Math.max(0, edit.beat), value, shape: "Linear", tension: 0 });
        points.sort((a, b) => a.beat - b.beat);
        return [{ op: "automation.setPoints", track: edit.trackId, lane: edit.laneId, points }];
      }
      case "setTempo": {
        const [first, ...rest] = p.tempo.tempos;
        return [{ op: "tempo.set", tempos: [{ beat: first?.beat ?? 0, bpm: edit.bpm }, ...rest], meters: [...p.tempo.meters] }];
      }
      case "setLoop": return [{ op: "loop.set", loop: { enabled: edit.enabled, start: edit.startBeat, end: edit.endBeat } }];
      case "addMarker": return [{ op: "marker.add", name: edit.name, beat: edit.beat }];
      default: throw new Error(`unknown edit ${JSON.stringify((edit as { type?: unknown })?.type)}`);
    }
  }
}

// Pulse's track table is a Map; these two keep that detail in one place.
function trackById(project: Project, id: string): Track | undefined {
  return project.tracks.get(id);
}

function allTracks(project: Project): Track[] {
  return [...project.tracks.values()];
}

function laneParam(lane: AutomationLane): "gain" | "pan" | "mute" | "plugin" | "send" {
  return lane.target.kind === "strip" ? lane.target.param : lane.target.kind;
}

function laneName(project: Project, track: Track, lane: AutomationLane, parametersOf: (format: string, uid: string) => PluginParameterView[]): string {
  const t = lane.target;
  if (t.kind === "strip") return t.param;
  if (t.kind === "send") return `send → ${trackById(project, track.sends.find((s) => s.id === t.send)?.target ?? "")?.name ?? t.send}`;
  const plugin = track.plugins.find((pl) => pl.id === t.plugin);
  const parameter = plugin ? parametersOf(plugin.format, plugin.uid).find((p) => p.index === t.param)?.name : undefined;
  return `${plugin?.name || t.plugin}: ${parameter ?? `#${t.param}`}`;
}

function trackView(project: Project, t: Track, clipView: (c: Clip) => ClipView, parametersOf: (format: string, uid: string) => PluginParameterView[]): TrackView {
  return {
    id: t.id, engineId: t.kind === "folder" && !t.hasStrip ? 0 : t.num,
    kind: t.kind === "folder" ? "bus" : t.kind, name: t.name, gainDb: t.gainDb, pan: t.pan, mute: t.mute, solo: t.solo,
    plugins: t.plugins.map((pl) => ({
      id: pl.id, engineId: pl.num, name: pl.name || pl.uid || pl.builtin || "plugin", uid: pl.uid, bypass: pl.bypass, parameters: parametersOf(pl.format, pl.uid),
      isolation: pl.isolation, builtin: pl.builtin !== null,
    })),
    sends: t.sends.map((s) => ({ id: s.id, target: s.target, gainDb: s.gainDb })),
    clips: Object.values(t.clips).map(clipView),
    automation: Object.values(t.automation).map((lane) => ({
      id: lane.id, parameter: laneName(project, t, lane, parametersOf),
      points: lane.points.map((pt) => ({ beat: pt.beat, value: toLaneValue(laneParam(lane), pt.value) })),
    })),
  };
}

function labelOf(edit: Edit): string {
  const words: Record<Edit["type"], string> = {
    addTrack: "Add track", removeTrack: "Remove track", renameTrack: "Rename track", moveTrack: "Move track", setTrackGain: "Set volume",
    setTrackPan: "Set pan", setTrackMute: "Mute", setTrackSolo: "Solo", addPlugin: "Add plugin", removePlugin: "Remove plugin", setPluginBypass: "Bypass plugin", setPluginIsolation: "Move plugin", addSend: "Add send", setSendGain: "Set send level", removeSend: "Remove send",
    addClip: "Add clip", moveClip: "Move clip", trimClip: "Trim clip", splitClip: "Split clip", duplicateClip: "Duplicate clip",
    deleteClip: "Delete clip", setClipGain: "Set clip gain", setClipFades: "Set clip fades", addNote: "Add note", addAutomationLane: "Add automation lane", addPluginAutomationLane: "Add automation lane", setAutomationPoint: "Edit automation",
    setTempo: "Set tempo", setLoop: "Set loop", addMarker: "Add marker",
  };
  return words[edit.type];
}
