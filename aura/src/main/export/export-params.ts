// The renderer's export request, checked field by field: a format and optionally dither, nothing
// else (above all no path: where the file goes is the main process's choice).
import { RENDER_FORMATS, type RenderFormat } from "../render/render-request";

export interface ExportParams {
  format: RenderFormat;
  dither?: boolean;
}

export function parseExportParams(params: unknown): ExportParams {
  if (typeof params !== "object" || params === null || Array.isArray(params)) throw new Error("export settings must be an object");
  const { format, dither, ...rest } = params as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.includes("path")) throw new Error("an export cannot choose its path: it is written to the project's exports folder");
  if (unknown.length > 0) throw new Error(`unknown export setting ${JSON.stringify(unknown[0])}`);
  if (!RENDER_FORMATS.includes(format as RenderFormat)) throw new Error(`unknown export format ${JSON.stringify(format)} (use ${RENDER_FORMATS.map((f) => `"${f}"`).join(", ")})`);
  if (dither !== undefined && typeof dither !== "boolean") throw new Error("dither must be true or false");
  return { format: format as RenderFormat, ...(dither !== undefined ? { dither } : {}) };
}
