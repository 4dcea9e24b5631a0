// Plugin search on a 5,000-binary scan (about 2,500 merged plugins): build + typo-laden queries.
// Baseline, measured in the same run: fuse.js used directly over the plugin records (one fuzzy scan
// per plugin field per query), the obvious alternative to PluginSearch's vocabulary index.
// Run: node --expose-gc bench/pulse/run.mjs catalogue-search-bench.ts
import Fuse from "fuse.js";
import { catalogue as pluginCatalogue } from "@loophole/pulse";
import { manyPlugins } from "../../pulse/test/catalogue/many-plugins";

const { emptyLibrary, PluginCatalogue, PluginSearch } = pluginCatalogue;

const QUERIES = ["kavexmi", "vintge compresor 2", "kilohaerts reverb", "tape echo", "ultra synth 3", "eventide", "modrn phasr", "drums", "air"];

function median(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

function report(name: string, ms: number, baseMs: number): void {
  console.log(`${name.padEnd(32)} median ${ms.toFixed(3).padStart(9)} ms | baseline fuse-over-records ${baseMs.toFixed(3)} ms | ratio ${(ms / baseMs).toFixed(3)}`);
}

const catalogue = PluginCatalogue.fromScan(manyPlugins(5000, { inventedNames: true }));
const library = emptyLibrary();
const records = catalogue.plugins.map((p) => ({ name: p.name, vendor: p.vendor, categories: p.categories, tags: [] as string[] }));
const fuseOptions = {
  keys: ["name", "vendor", "categories", "tags"], includeScore: true, ignoreLocation: true, threshold: 0.34,
  useTokenSearch: true, tokenMatch: "all" as const,
};

console.log(`catalogue: ${catalogue.size} plugins from 5000 scanned binaries`);
const buildMs = median(9, () => void new PluginSearch(catalogue, library));
const baseBuildMs = median(9, () => void new Fuse(records, fuseOptions));
report("build search index", buildMs, baseBuildMs);

const baseline = new Fuse(records, fuseOptions);
const RUNS = 15;
// Cold: each run gets a fresh index, so no query word is cached from an earlier run.
const fresh = Array.from({ length: RUNS }, () => new PluginSearch(catalogue, library));
const warmUp = new PluginSearch(catalogue, library);
for (const q of QUERIES) { warmUp.search(q); baseline.search(q); } // warm up the JIT
let run = 0;
const queryMs = median(RUNS, () => { const s = fresh[run++]!; for (const q of QUERIES) s.search(q, {}, 50); }) / QUERIES.length;
const baseQueryMs = median(RUNS, () => { for (const q of QUERIES) baseline.search(q, { limit: 50 }); }) / QUERIES.length;
report("search, per query (cold)", queryMs, baseQueryMs);

// Typing: one search per keystroke; earlier words come from the cache.
const keystrokes = QUERIES.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
const typing = Array.from({ length: RUNS }, () => new PluginSearch(catalogue, library));
run = 0;
const typeMs = median(RUNS, () => { const s = typing[run++]!; for (const k of keystrokes) s.search(k, {}, 50); }) / keystrokes.length;
const baseTypeMs = median(5, () => { for (const k of keystrokes) baseline.search(k, { limit: 50 }); }) / keystrokes.length;
report("search, per keystroke (typing)", typeMs, baseTypeMs);
