// A throwaway main process for the adoption test: supervises an engine on a fixed socket, prints
// the engine pid, then waits to be killed.
import { SignalSupervisor } from "../../src/main/supervisor/signal-supervisor";

const [signalPath, socketPath] = process.argv.slice(2);
const supervisor = new SignalSupervisor({ signalPath: signalPath!, socketPath: socketPath!, restore: async () => {} });
await supervisor.start();
console.log(`engine pid ${supervisor.pid}`);
setInterval(() => {}, 1000);
