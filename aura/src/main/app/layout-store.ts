// Panel sizes survive browser restarts: kept as a small JSON file next to the session state.
import { mkdir, readFile, writeFile, rename } from "node:fs/promises";
import { dirname } from "node:path";

export class LayoutStore {
  constructor(private readonly path: string) {}

  async load(): Promise<Record<string, number>> {
    try {
      const value = JSON.parse(await readFile(this.path, "utf8")) as unknown;
      return sanitise(value);
    } catch {
      return {};
    }
  }

  async save(layout: unknown): Promise<void> {
    const clean = sanitise(layout);
    await mkdir(dirname(this.path), { recursive: true });
    // Write then rename, so a crash never leaves half a file.
    await writeFile(`${this.path}.tmp`, JSON.stringify(clean, null, 2));
    await rename(`${this.path}.tmp`, this.path);
  }
}

function sanitise(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof value !== "object" || value === null) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "number" && Number.isFinite(v) && key.length < 64) out[key] = v;
  }
  return out;
}
