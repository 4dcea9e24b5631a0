// The expected project after a crash: the same acknowledged edits applied, in order, to an in-memory
// copy of the project as it was on disk before them. Uses Aura's own edit-to-operation mapping
// (PulseProject) on a session with no journal, so it checks durability, not the mapping.
import { ProjectSession, projectToJson, type Project } from "@loophole/pulse";
import type { Edit } from "../../src/channels";
import { PulseProject, SESSION_SAMPLE_RATE } from "../../src/main/project/pulse-project";

export type Write = { channel: "project.edit"; edit: Edit } | { channel: "project.undo" } | { channel: "project.redo" };

export class ProjectMirror {
  private constructor(private readonly project: PulseProject) {}

  /** Reads the project file as it is now (call before the edits to mirror). */
  static async of(path: string): Promise<ProjectMirror> {
    return new ProjectMirror(new PulseProject(await ProjectSession.open(path, { sampleRate: SESSION_SAMPLE_RATE })));
  }

  apply(write: Write): void {
    if (write.channel === "project.edit") this.project.edit(write.edit);
    else if (write.channel === "project.undo") this.project.undo();
    else this.project.redo();
  }

  get model(): Project { return this.project.session.project; }
}

/** A project as its file stores it, minus the save timestamp (saving stamps it; it is not an edit). */
export function comparable(project: Project): unknown {
  const json = structuredClone(projectToJson(project)) as unknown as { meta: Record<string, unknown> };
  delete json.meta.modified;
  return json;
}
