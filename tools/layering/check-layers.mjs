#!/usr/bin/env node
// Fails when code depends on a layer it may not (see layers.mjs) or bypasses the generated
// contract code. Usage: check-layers.mjs [ROOT]   (default: the repository root)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { extraEntryPoints, includeRoots, layers, packages } from "./layers.mjs";

const skipDirs = new Set(["node_modules", "gen", "dist", ".git", "test-artifacts"]);
const tsFile = /\.(ts|tsx|mts|mjs|js)$/;
const cppFile = /\.(h|hpp|cpp|cc)$/;

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (skipDirs.has(entry) || entry.startsWith("build")) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

function layerOf(root, path) {
  const rel = relative(root, path).split(sep).join("/");
  return layers
    .filter((l) => rel === l.dir || rel.startsWith(l.dir + "/"))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}

function importsOf(source) {
  const specs = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(pattern)) specs.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return specs;
}

function checkTs(root, file, layer, problems) {
  const where = relative(root, file);
  for (const spec of importsOf(readFileSync(file, "utf8"))) {
    if (spec === "flatbuffers" && layer.name !== "contract-ts") {
      problems.push(`${where}: imports 'flatbuffers' directly; use @loophole/contract (generated from chorus/ipc)`);
      continue;
    }
    let target;
    if (spec.startsWith(".")) {
      target = layerOf(root, resolve(dirname(file), spec));
      if (/(^|\/)signal\//.test(relative(root, resolve(dirname(file), spec)).split(sep).join("/"))) {
        problems.push(`${where}: reaches into signal/ ('${spec}'); talk to the engine through @loophole/contract`);
        continue;
      }
    } else {
      const pkg = Object.keys(packages).find((p) => spec === p || spec.startsWith(p + "/"));
      if (!pkg) continue;
      if (spec !== pkg && !extraEntryPoints.includes(spec)) problems.push(`${where}: imports '${spec}' past the package entry point '${pkg}'`);
      target = layers.find((l) => l.name === packages[pkg]);
    }
    if (target && target.name !== layer.name && !layer.mayImport.includes(target.name)) {
      problems.push(`${where}: ${layer.name} may not import ${target.name} ('${spec}')`);
    }
  }
}

function checkCpp(root, file, layer, problems) {
  const where = relative(root, file);
  const source = readFileSync(file, "utf8");
  for (const [, spec] of source.matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)) {
    if (spec.startsWith("flatbuffers/") && layer.name !== "contract-cpp") {
      problems.push(`${where}: includes <${spec}> directly; use the generated loophole/ipc headers and contract/Framing.h`);
      continue;
    }
    const candidates = [join(dirname(file), spec), ...includeRoots.map((r) => join(root, r.dir, spec))];
    const found = candidates.find((c) => existsSync(c));
    if (!found) continue;
    const target = layerOf(root, found);
    if (target && target.name !== layer.name && !layer.mayImport.includes(target.name)) {
      problems.push(`${where}: ${layer.name} may not include ${target.name} ('${spec}')`);
    }
  }
}

export function checkLayers(root) {
  const problems = [];
  for (const layer of layers) {
    for (const file of walk(join(root, layer.dir))) {
      const owner = layerOf(root, file);
      if (owner !== layer) continue; // a nested layer checks its own files
      if (tsFile.test(file)) checkTs(root, file, layer, problems);
      else if (cppFile.test(file)) checkCpp(root, file, layer, problems);
      else if (file.endsWith(".fbs")) problems.push(`${relative(root, file)}: wire types are defined only in chorus/ipc`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "../.."));
  const problems = checkLayers(root);
  for (const p of problems) console.error(`layering: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log("layering: every import goes downward");
}
