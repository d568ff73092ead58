/** Draws `label done/total` in place on a terminal's stderr; silent elsewhere. */
export function terminalProgress(label: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!tty || (now - last < 100 && done < total)) return;
      last = now;
      const percent = total ? Math.floor((done / total) * 100) : 100;
      process.stderr.write(`\r${label} ${done}/${total} (${percent}%)`);
      drawn = true;
    },
    end() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}
