// Where the engine runs plugins that have no isolation mode of their own (ADR 0007): out of
// process by default, in one shared sandbox, so a crashing plugin cannot take the engine down.
// LOOPHOLE_PLUGIN_ISOLATION=in-engine|shared|per-vendor|per-plugin changes it.
const MODES = ["in-engine", "shared", "per-vendor", "per-plugin"] as const;
export type PluginIsolation = (typeof MODES)[number];

export const DEFAULT_PLUGIN_ISOLATION: PluginIsolation = "shared";

export function pluginIsolation(env: NodeJS.ProcessEnv = process.env): PluginIsolation {
  const asked = env.LOOPHOLE_PLUGIN_ISOLATION;
  if (asked === undefined || asked === "") return DEFAULT_PLUGIN_ISOLATION;
  if (!(MODES as readonly string[]).includes(asked)) throw new Error(`LOOPHOLE_PLUGIN_ISOLATION must be one of ${MODES.join(", ")}, not "${asked}"`);
  return asked as PluginIsolation;
}

/** loophole-signal's arguments for it. */
export function isolationArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return ["--isolation", pluginIsolation(env)];
}
