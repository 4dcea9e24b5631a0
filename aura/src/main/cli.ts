// `loophole start [project]`: starts Aura's main process and prints the renderer URL.
import { startAura } from "./index";

async function main(argv: string[]): Promise<number> {
  const [command, projectPath] = argv;
  if (command !== "start") {
    console.error("usage: aura start [project]");
    return 2;
  }
  const aura = await startAura(projectPath ? { projectPath } : {});
  const shutdown = () => void aura.stop().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (error: unknown) => { console.error(`aura: ${error instanceof Error ? error.message : String(error)}`); process.exit(1); },
);
