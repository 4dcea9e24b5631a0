// "Export mix…": Pulse's derived graph rendered to WAV by the running engine, on its render worker
// while playback goes on. One export at a time; the engine's Progress frames reach the renderer as
// the `progress` event (task "render") on their own.
import { ipc } from "@loophole/contract";
import type { Requests } from "../../channels";
import { EngineError, type EngineClient } from "../engine/engine-client";
import { engineCommands } from "../engine/engine-commands";
import type { ProjectPort } from "../project/project-port";
import { contentEnd, mixRenderRequest } from "../render/render-request";
import { claimExportPath, exportBaseName, exportsFolder, releaseExportPath } from "./export-path";
import { parseExportParams } from "./export-params";

type ExportResult = Requests["project.export"]["result"];

export class MixExport {
  private running = false;

  /** `untitledFolder`: where exports of a project that has no file yet go (in Aura's state directory). */
  constructor(private readonly project: ProjectPort, private readonly untitledFolder: string) {}

  get busy(): boolean { return this.running; }

  async run(engine: EngineClient, params: unknown): Promise<ExportResult> {
    const settings = parseExportParams(params);
    if (this.running) throw new Error("an export is already running");
    this.running = true;
    try {
      const snapshot = this.project.engineSnapshot();
      if (contentEnd(snapshot) === 0n) throw new Error("nothing to export: the arrangement has no clips");
      const folder = exportsFolder(this.project.file, this.untitledFolder);
      const path = await claimExportPath(folder, exportBaseName(this.project.view().name));
      try {
        const done = await engineCommands.render(engine, mixRenderRequest(snapshot, path, settings));
        return { path, seconds: Number(done.frames) / snapshot.sampleRate, renderSeconds: done.seconds };
      } catch (error) {
        // A render the engine never answered may still be running there: stop it.
        if (error instanceof EngineError && error.code === undefined) await engineCommands.cancelRender(engine).catch(() => {});
        await releaseExportPath(path);
        throw new Error(`export failed: ${plainReason(error as Error)}`);
      }
    } finally {
      this.running = false;
    }
  }
}

function plainReason(error: Error): string {
  if (error instanceof EngineError && error.code === ipc.ErrorCode.Busy && !/cancelled/.test(error.message)) return "the engine is busy with another render; try again when it has finished";
  return error.message;
}
