// Checks on a parsed project file before anything walks it recursively. The model nests about 8
// levels deep; a hostile file nesting thousands of levels in a field the validator does not look at
// would later overflow the stack of a recursive walk (freezing, saving) with an untyped RangeError.
// A "__proto__" key is never Loophole data, and copying it around could swap an object's prototype.
import { PulseError } from "../model/errors";

export const MAX_JSON_DEPTH = 64;

/** A value still to visit; the path to it is only spelled out when it is reported. */
interface Pending {
  readonly value: object;
  readonly depth: number;
  readonly parent: Pending | null;
  readonly key: string | number;
}

function pathOf(p: Pending | null, last?: string): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let at = p; at !== null && at.parent !== null; at = at.parent) path.unshift(at.key);
  return path;
}

export function checkJsonLimits(root: unknown, source: string): void {
  if (typeof root !== "object" || root === null) return;
  const stack: Pending[] = [{ value: root, depth: 0, parent: null, key: "" }];
  while (stack.length) {
    const at = stack.pop()!;
    if (at.depth >= MAX_JSON_DEPTH)
      throw new PulseError("CorruptFile", `${source} nests deeper than ${MAX_JSON_DEPTH} levels; it is not a Loophole project as written.`, pathOf(at));
    const value = at.value as Record<string, unknown>;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === "object" && v !== null) stack.push({ value: v, depth: at.depth + 1, parent: at, key: i });
      }
      continue;
    }
    for (const key in value) {
      if (key === "__proto__") throw new PulseError("CorruptFile", `${source} holds a "__proto__" key, which no Loophole project has.`, pathOf(at, key));
      const v = value[key];
      if (typeof v === "object" && v !== null) stack.push({ value: v, depth: at.depth + 1, parent: at, key });
    }
  }
}
