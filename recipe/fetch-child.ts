/**
 * The one asynchronous piece of `download`: an HTTP fetch run in a child Node process, because
 * recipe helpers are synchronous (the Rhai evaluator is) and a child can stream progress to the
 * terminal while the parent blocks in spawnSync. A worker thread would block on Atomics.wait just
 * as well, but its stderr is relayed through the (blocked) main thread, so progress would only
 * appear at the end.
 *
 * The child is plain JavaScript passed with `node -e`, so it runs the same from sources (tsx,
 * vitest) and from the compiled `dist/`. Its input is one JSON env var; its answer is one JSON
 * line on stdout; progress goes to stderr.
 */
export const FETCH_CHILD_SOURCE = String.raw`
const fs = require("node:fs");
const job = JSON.parse(process.env.RECIPE_FETCH_JOB);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const mib = (n) => (n / 1048576).toFixed(1) + " MiB";
let lastDraw = 0;
function progress(name, done, total, final) {
  if (!job.progress) return;
  const now = Date.now();
  if (!final && now - lastDraw < 200) return;
  lastDraw = now;
  const pct = total ? " " + Math.floor((done / total) * 100) + "%" : "";
  const line = "  " + name + "  " + mib(done) + (total ? " / " + mib(total) : "") + pct;
  if (process.stderr.isTTY) process.stderr.write("\r" + line.padEnd(70) + (final ? "\n" : ""));
  else if (final) process.stderr.write(line + "\n");
}
class Fatal extends Error {}
const MAX_REDIRECTS = 10;
const started = Date.now();
// The parent blocks in spawnSync: when it is killed (SIGTERM, SIGINT to it alone) this child
// would go on downloading as an orphan, so it checks that its parent is still there.
setInterval(() => {
  try { process.kill(job.parentPid, 0); } catch (e) { if (e.code === "ESRCH") process.exit(130); }
}, 250).unref();
const mibs = (n) => Math.round(n / 1048576) + " MiB";
function describe(e) {
  if (e instanceof Fatal) return e.message;
  return e && e.cause && e.cause.message ? e.message + " (" + e.cause.message + ")" : String(e && e.message);
}
async function attempt() {
  let have = 0;
  try { have = fs.statSync(job.part).size; } catch {}
  const ctrl = new AbortController();
  let why = "idle";
  const left = job.deadlineMs - (Date.now() - started);
  if (left <= 0) throw new Fatal("gave up after " + job.deadlineMs / 1000 + " s (the download deadline)");
  const deadline = setTimeout(() => { why = "deadline"; ctrl.abort(); }, left);
  let idle = setTimeout(() => ctrl.abort(), job.idleMs);
  // Bytes count as life only at 1 KiB/s or more: a server dripping a few bytes a second would
  // otherwise keep a download (and the command waiting on it) going until the 30-minute deadline.
  const floor = Math.max(1, Math.round((job.idleMs / 1000) * 1024));
  let windowBytes = 0;
  const poke = (n) => {
    windowBytes += n;
    if (windowBytes < floor) return;
    windowBytes = 0;
    clearTimeout(idle);
    idle = setTimeout(() => ctrl.abort(), job.idleMs);
  };
  // Redirects are followed here, not by fetch: its errors name the first URL's host when a later
  // one refused, and it reports a redirect carrying user:password@ as a "cors" error.
  let current = job.url;
  const via = () => (current === job.url ? "" : " (redirected from " + job.url + ")");
  try {
    let res;
    for (let hop = 0; ; hop++) {
      res = await fetch(current, {
        headers: have > 0 ? { Range: "bytes=" + have + "-" } : {},
        redirect: "manual",
        signal: ctrl.signal,
      });
      if (![301, 302, 303, 307, 308].includes(res.status)) break;
      await res.body?.cancel();
      const location = res.headers.get("location");
      if (!location) throw new Fatal("HTTP " + res.status + " from " + current + " redirects without saying where (no Location header)" + via());
      if (hop >= MAX_REDIRECTS) throw new Fatal("more than " + MAX_REDIRECTS + " redirects, starting at " + job.url + "; give the recipe the final URL");
      let next;
      try { next = new URL(location, current); } catch { throw new Fatal(current + " redirects to " + JSON.stringify(location) + ", which is not a URL"); }
      if (next.username || next.password) {
        next.username = "***"; next.password = "";
        throw new Fatal(current + " redirects to " + next.href + ", a URL with a user name or password; a download never sends credentials, so it is not followed (give the recipe a URL that needs none)");
      }
      if (next.protocol !== "http:" && next.protocol !== "https:")
        throw new Fatal(current + " redirects to " + next.href + ", which is not http or https; not followed");
      current = next.href;
    }
    if (res.status === 416 && have > 0) return have;
    if (!res.ok) {
      const msg = "HTTP " + res.status + " " + res.statusText + " from " + current + via();
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new Fatal(msg);
      throw new Error(msg);
    }
    const resumed = res.status === 206;
    if (!resumed) have = 0;
    const len = Number(res.headers.get("content-length") ?? NaN);
    const total = Number.isFinite(len) ? have + len : undefined;
    if (total !== undefined && total > job.maxBytes)
      throw new Fatal(job.url + " is " + mibs(total) + ", more than the " + mibs(job.maxBytes) + " a download may have (raise pkg.max_size_mib)");
    const fd = fs.openSync(job.part, resumed ? "a" : "w");
    let done = have;
    try {
      for await (const chunk of res.body) {
        poke(chunk.length);
        done += chunk.length;
        if (done > job.maxBytes) {
          ctrl.abort();
          fs.ftruncateSync(fd, 0);
          throw new Fatal("more than the " + mibs(job.maxBytes) + " a download may have from " + job.url + " (raise pkg.max_size_mib)");
        }
        fs.writeSync(fd, chunk);
        progress(job.name, done, total, false);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (total !== undefined && done < total) throw new Error("truncated: got " + done + " of " + total + " bytes");
    progress(job.name, done, total, true);
    return done;
  } catch (e) {
    if (e instanceof Fatal) throw e;
    if (ctrl.signal.aborted && why === "deadline") throw new Fatal("gave up after " + job.deadlineMs / 1000 + " s (the download deadline) on " + job.url);
    if (ctrl.signal.aborted && windowBytes > 0)
      throw new Error("under 1 KiB/s (" + windowBytes + " bytes) for " + job.idleMs / 1000 + " s from " + job.url + ": a stalled or dripping server");
    if (ctrl.signal.aborted) throw new Error("no data for " + job.idleMs / 1000 + " s from " + job.url);
    // A name that does not resolve or a port that refuses will do the same a second later:
    // one clear line, no retries (offline is the usual cause).
    const code = e && e.cause && e.cause.code;
    const host = (() => { try { return new URL(current).host; } catch { return current; } })();
    if (code === "ENOTFOUND" || code === "EAI_AGAIN")
      throw new Fatal("cannot resolve " + host + via() + " (offline, or no DNS?); a local --mirror works without the network");
    if (code === "ECONNREFUSED") throw new Fatal(host + " refused the connection" + via());
    throw e;
  } finally {
    clearTimeout(idle);
    clearTimeout(deadline);
  }
}
(async () => {
  let lastErr;
  for (let i = 0; i <= job.retries; i++) {
    try {
      const bytes = await attempt();
      out({ ok: true, bytes, attempts: i + 1 });
      return;
    } catch (e) {
      lastErr = e;
      const why = describe(e);
      if (e instanceof Fatal || i === job.retries) break;
      let have = 0;
      try { have = fs.statSync(job.part).size; } catch {}
      if (job.progress) process.stderr.write("\n  " + job.name + ": " + why + "; retrying" + (have ? " from byte " + have : "") + "\n");
    }
  }
  out({ ok: false, error: describe(lastErr) });
})();
`;
