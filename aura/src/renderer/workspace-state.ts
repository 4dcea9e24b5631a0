// What the renderer currently shows: the latest project view from Pulse (never edited here), the
// latest telemetry and engine status, plus view-only state such as selection and snapping.
import type { EngineStatus, ProjectView, TelemetryView } from "../channels";

export const emptyProject: ProjectView = {
  revision: 0, name: "", tempoBpm: 120, tempos: [{ beat: 0, bpm: 120 }], beatsPerBar: 4, sampleRate: 48000,
  loop: { enabled: false, startBeat: 0, endBeat: 16 }, markers: [], tracks: [],
  canUndo: false, canRedo: false, history: [], historyCursor: -1, missingMedia: [],
};

export const idleTelemetry: TelemetryView = { playing: false, looping: false, positionBeats: 0, dspLoad: 0, xruns: 0, lateBlocks: 0, meters: {}, faults: [] };

type Topic = "project" | "telemetry" | "engine" | "selection";

export class WorkspaceState {
  project: ProjectView = emptyProject;
  telemetry: TelemetryView = idleTelemetry;
  engine: EngineStatus = { state: "stopped", message: "connecting", restarts: 0 };
  connected = false;
  selectedClips = new Set<string>();
  selectedTrack: string | null = null;
  snap = true;
  private readonly listeners = new Map<Topic, Set<() => void>>();

  on(topic: Topic, listener: () => void): void {
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(listener);
  }

  emit(topic: Topic): void {
    for (const l of this.listeners.get(topic) ?? []) l();
  }

  setProject(project: ProjectView): void {
    this.project = project;
    const clipIds = new Set(project.tracks.flatMap((t) => t.clips.map((c) => c.id)));
    for (const id of [...this.selectedClips]) if (!clipIds.has(id)) this.selectedClips.delete(id);
    if (this.selectedTrack && !project.tracks.some((t) => t.id === this.selectedTrack)) this.selectedTrack = null;
    this.emit("project");
  }

  findClip(clipId: string) {
    for (const track of this.project.tracks) {
      const clip = track.clips.find((c) => c.id === clipId);
      if (clip) return { track, clip };
    }
    return undefined;
  }
}
