// Sums the JUnit reports of every suite into one closing line: "Summary: N passed, N failed".
// Suites that failed without a report (a build or lint failure) count as one failure each.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [reportDir, ...failedSuites] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;

for (const file of readdirSync(reportDir).filter((f) => f.endsWith(".xml"))) {
  const xml = readFileSync(join(reportDir, file), "utf8");
  for (const [, body, inner] of xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const content = inner ?? "";
    const status = /status="(\w+)"/.exec(body)?.[1];
    if (/<(failure|error)\b/.test(content) || status === "fail") failed++;
    else if (/<skipped\b/.test(content) || status === "notrun" || status === "disabled") skipped++;
    else passed++;
  }
}
const reportedSuites = new Set(["native tests (ctest)", "real-time soak (ctest, alone)", "TS unit tests", "browser e2e tests"]);
const unreported = failedSuites.filter((s) => !reportedSuites.has(s));
failed += unreported.length;

if (failedSuites.length > 0) console.log(`\nFailed suites: ${failedSuites.join(", ")}`);
console.log(`\nSummary: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedSuites.length > 0 || failed > 0 ? 1 : 0);
