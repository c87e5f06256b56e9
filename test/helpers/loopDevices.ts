/**
 * Loop devices a test attaches, detached again when the test process is stopped midway (Ctrl-C,
 * SIGTERM from the runner, process.exit), not only by its own finally/afterAll: a boot or loop
 * test killed midway left loop0p1… in /proc/partitions, and every later blkid label lookup failed.
 * Only the devices this process attached are touched, so parallel test files keep theirs.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const attached = new Set<string>();
let guarded = false;

/** `losetup --find --show --partscan [extra] image`, remembered until detachLoop. */
export function attachLoop(image: string, extra: readonly string[] = []): string {
  guard();
  const dev = execFileSync("losetup", ["--find", "--show", "--partscan", ...extra, image], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
  attached.add(dev);
  return dev;
}

/** `losetup -d dev`; throws as losetup does (the callers' own cleanup decides what a failure means). */
export function detachLoop(dev: string, opts: { quiet?: boolean } = {}): void {
  attached.delete(dev);
  execFileSync("losetup", ["-d", dev], { stdio: opts.quiet ? "ignore" : "pipe" });
}

/** The mount points of `dev` and its partitions, deepest first. */
function mountsOf(dev: string): string[] {
  let text = "";
  try {
    text = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((l) => l.split(" "))
    .filter(([src]) => src === dev || (src ?? "").startsWith(`${dev}p`))
    .map(([, at]) => (at ?? "").replace(/\\040/g, " "))
    .filter(Boolean)
    .reverse();
}

/** Best effort, synchronous (it runs in signal and exit handlers): unmount lazily, then detach. */
export function detachAllAttached(): void {
  for (const dev of [...attached]) {
    attached.delete(dev);
    for (const at of mountsOf(dev)) {
      try {
        execFileSync("umount", ["-l", at], { stdio: "ignore" });
      } catch {
        // gone already, or not ours to unmount: the detach below still frees the device
      }
    }
    try {
      execFileSync("losetup", ["-d", dev], { stdio: "ignore" });
    } catch {
      // detached already
    }
  }
}

function guard(): void {
  if (guarded) return;
  guarded = true;
  process.on("exit", detachAllAttached);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      detachAllAttached();
      process.removeListener(sig, onSignal);
      // Alone, end the process as the signal would have; with other listeners, leave it to them.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}
