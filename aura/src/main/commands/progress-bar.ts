// A one-line progress bar on a terminal; silent when stderr is not a terminal.
export function progressBar(label: string): { update: (done: number) => void; finish: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = -1;
  return {
    update(done) {
      const percent = Math.max(0, Math.min(100, Math.floor(done * 100)));
      if (!tty || percent === last) return;
      last = percent;
      const filled = Math.round(percent / 4);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(25 - filled)}] ${percent}%`);
    },
    finish() {
      if (tty && last >= 0) process.stderr.write("\n");
    },
  };
}
