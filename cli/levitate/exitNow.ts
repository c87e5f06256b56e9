/**
 * Ends the process at once with `code`, after stdout and stderr have taken everything written.
 *
 * For `ask --dry-run`, whose answer is printed and whose backend has finished its writes
 * (`dispose({ exiting: true })`): a natural exit would first run node-llama-cpp's `beforeExit`
 * hook, which frees the 2-2.5 GiB model (~71 ms of CPU, up to ~0.9 s of wall time on a busy box,
 * bench/llm/exitCost.ts) only for the process to end; the kernel takes the memory back either way.
 */
export async function exitNow(code: number, verbose = false): Promise<never> {
  if (verbose) {
    const cpu = process.cpuUsage();
    process.stderr.write(
      `levitate: exiting ${Math.round(performance.now())} ms after the process started ` +
        `(CPU ${Math.round(cpu.user / 1000)} ms user, ${Math.round(cpu.system / 1000)} ms system), the model not freed\n`,
    );
  }
  // A write's callback runs once it and every write before it have been handed to the OS.
  await Promise.all(
    [process.stdout, process.stderr].map((s) => new Promise<void>((done) => s.write("", () => done()))),
  );
  process.exit(code);
}
