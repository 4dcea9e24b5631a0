// Generates gen/ from chorus/ipc with flatc (and the protocol version constant) when the
// schema is newer than what was generated. Generated code is never committed or edited.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "../../chorus/ipc");
const genDir = join(here, "gen");
const stamp = join(genDir, "frame_generated.ts");
const inputs = [...readdirSync(schemaDir).filter((f) => f.endsWith(".fbs")), "version.json"]
  .map((f) => join(schemaDir, f));
const newestInput = Math.max(...inputs.map((f) => statSync(f).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);

if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestInput) process.exit(0);

execFileSync(join(here, "../tools/check-compat.sh"), [schemaDir], { stdio: "inherit" });
execFileSync("flatc", ["--ts", "--gen-object-api", "--gen-all", "-o", genDir, join(schemaDir, "frame.fbs")], { stdio: "inherit" });
execFileSync(join(here, "../tools/gen-version.sh"), ["ts", join(schemaDir, "version.json"), join(genDir, "protocol-version.ts")], { stdio: "inherit" });
