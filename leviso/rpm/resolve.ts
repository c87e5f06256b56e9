import { compareEvr, rangesOverlap } from "./evr.js";
import { isRich, parseRich, RichDepError, type RichNode } from "./richdeps.js";
import { type Dep, formatDep, nevra, type RpmPackage } from "./types.js";

/**
 * Dependency closure of a package list against a set of repositories: Requires against
 * Provides and file provides, arch filtered, newest EVR first, rich dependencies evaluated.
 * Nothing is installed; the result says what `rpm -i` will need and what is missing.
 */

export interface Wanted {
  name: string;
  /** Where the name came from, for messages: e.g. "packages.txt:4". */
  origin: string;
  /** Included when the sources can install it, left out (and reported) when not. */
  optional?: boolean;
}

/** An optional name that was left out, and why. */
export interface SkippedOptional {
  name: string;
  origin: string;
  why: string;
}

export interface Unresolved {
  /** The package that needs it (name-evr.arch), or the packages.txt line. */
  by: string;
  requirement: string;
  why: string;
}

export interface Closure {
  packages: RpmPackage[];
  /** For each package name: what pulled it in. */
  reasons: Map<string, string>;
  unresolved: Unresolved[];
  /** Optional names the sources cannot install (absent, or their requirements cannot be met). */
  skipped: SkippedOptional[];
}

export interface ResolveOptions {
  arches: string[];
  /** Called once, lazily, when a file requirement is not among primary's files. */
  loadFileOwners?: () => Map<string, string[]>;
}

class Index {
  readonly byName = new Map<string, RpmPackage[]>();
  readonly provides = new Map<string, Array<{ pkg: RpmPackage; dep: Dep }>>();
  readonly files = new Map<string, RpmPackage[]>();
  readonly byNevra = new Map<string, RpmPackage>();
  private fileOwners: Map<string, string[]> | null | undefined;

  constructor(
    pkgs: RpmPackage[],
    private readonly loadFileOwners?: () => Map<string, string[]>,
  ) {
    for (const p of pkgs) {
      const key = nevra(p);
      if (this.byNevra.has(key)) continue; // the same build in two repositories
      this.byNevra.set(key, p);
      push(this.byName, p.name, p);
      const self = { name: p.name, flags: "EQ" as const, evr: p.evr };
      const provs = p.provides.some((d) => d.name === p.name) ? p.provides : [...p.provides, self];
      for (const dep of provs) push(this.provides, dep.name, { pkg: p, dep });
      for (const f of p.files) push(this.files, f, p);
    }
    for (const list of this.byName.values()) list.sort((a, b) => -compareEvr(a.evr, b.evr));
  }

  satisfiers(req: Dep): RpmPackage[] {
    const out = new Set<RpmPackage>();
    for (const { pkg, dep } of this.provides.get(req.name) ?? []) {
      if (rangesOverlap(dep, req)) out.add(pkg);
    }
    if (req.name.startsWith("/")) {
      for (const p of this.files.get(req.name) ?? []) out.add(p);
      if (out.size === 0 && this.loadFileOwners) {
        if (this.fileOwners === undefined) this.fileOwners = this.loadFileOwners();
        for (const key of this.fileOwners?.get(req.name) ?? []) {
          const p = this.byNevra.get(key);
          if (p) out.add(p);
        }
      }
    }
    return [...out];
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function resolveClosure(universe: RpmPackage[], wanted: Wanted[], opts: ResolveOptions): Closure {
  const index = new Index(
    universe.filter((p) => opts.arches.includes(p.arch)),
    opts.loadFileOwners,
  );
  const all = resolveOnce(index, wanted);
  if (all.unresolved.length === 0 || !wanted.some((w) => w.optional)) return all;
  // Something is missing. An optional name that adds unresolved requirements to the closure of
  // the required names is left out; what remains missing is the required names' own problem.
  const required = wanted.filter((w) => !w.optional);
  const key = (u: Unresolved) => `${u.by}\0${u.requirement}\0${u.why}`;
  const baseline = new Set(resolveOnce(index, required).unresolved.map(key));
  const skipped: SkippedOptional[] = [];
  const kept = new Set<Wanted>(required);
  for (const w of wanted) {
    if (!w.optional) continue;
    const added = resolveOnce(index, [...required, w]).unresolved.filter((u) => !baseline.has(key(u)));
    if (added.length === 0) {
      kept.add(w);
      continue;
    }
    const own = added.find((u) => u.by === w.origin);
    skipped.push({
      name: w.name,
      origin: w.origin,
      why: own
        ? "the sources have no package of that name or providing it"
        : `its requirements cannot be met (${added.map((u) => `${u.by} requires ${u.requirement}: ${u.why}`).join("; ")})`,
    });
  }
  return {
    ...resolveOnce(
      index,
      wanted.filter((w) => kept.has(w)),
    ),
    skipped,
  };
}

function resolveOnce(index: Index, wanted: Wanted[]): Closure {
  const selected = new Map<string, RpmPackage>();
  const reasons = new Map<string, string>();
  const unresolved: Unresolved[] = [];
  const queue: RpmPackage[] = [];
  const conditionals: Array<{ by: RpmPackage; node: RichNode & { kind: "if" | "unless" }; text: string }> =
    [];

  const isSelected = (p: RpmPackage) => selected.get(p.name) === p;
  const satisfiedNow = (req: Dep) => index.satisfiers(req).some(isSelected);

  const select = (p: RpmPackage, reason: string) => {
    if (selected.has(p.name)) return;
    selected.set(p.name, p);
    reasons.set(p.name, reason);
    queue.push(p);
  };

  /** Candidates that can still be installed: another version of a selected name cannot. */
  const installable = (cands: RpmPackage[]) =>
    cands.filter((c) => {
      const s = selected.get(c.name);
      return s === undefined || s === c;
    });

  /** dnf-like preference: the package named like the requirement, then the shortest name, newest build. */
  const best = (req: Dep, cands: RpmPackage[]): RpmPackage =>
    [...cands].sort((a, b) => {
      const an = a.name === req.name ? 0 : 1;
      const bn = b.name === req.name ? 0 : 1;
      if (an !== bn) return an - bn;
      if (a.name !== b.name) return a.name.length - b.name.length || (a.name < b.name ? -1 : 1);
      const c = compareEvr(b.evr, a.evr);
      if (c !== 0) return c;
      return a.arch === "noarch" ? 1 : -1;
    })[0]!;

  /** Adds what satisfies `req`; returns a reason when it cannot be satisfied. */
  const requireSimple = (req: Dep, by: string): string | null => {
    if (req.name.startsWith("rpmlib(")) return null; // provided by rpm itself
    const all = index.satisfiers(req);
    if (all.some(isSelected)) return null;
    const cands = installable(all);
    if (cands.length === 0) {
      if (all.length > 0) {
        const other = all[0]!;
        return `only ${nevra(other)} provides it, but ${nevra(selected.get(other.name)!)} is already chosen`;
      }
      return "nothing provides it";
    }
    select(best(req, cands), `${by} requires ${formatDep(req)}`);
    return null;
  };

  const richSatisfied = (node: RichNode): boolean => {
    switch (node.kind) {
      case "dep":
        return node.dep.name.startsWith("rpmlib(") || satisfiedNow(node.dep);
      case "and":
      case "with":
        return node.items.every(richSatisfied);
      case "or":
        return node.items.some(richSatisfied);
      case "without":
        return richSatisfied(node.items[0]!) && !node.items.slice(1).some(richSatisfied);
      case "if":
        return richSatisfied(node.cond)
          ? richSatisfied(node.consequent)
          : node.else
            ? richSatisfied(node.else)
            : true;
      case "unless":
        return richSatisfied(node.cond)
          ? node.else
            ? richSatisfied(node.else)
            : true
          : richSatisfied(node.consequent);
    }
  };

  const resolvable = (node: RichNode): boolean => {
    switch (node.kind) {
      case "dep":
        return node.dep.name.startsWith("rpmlib(") || installable(index.satisfiers(node.dep)).length > 0;
      case "and":
      case "with":
        return node.items.every(resolvable);
      case "or":
        return node.items.some(resolvable);
      case "without":
        return resolvable(node.items[0]!);
      default:
        return true;
    }
  };

  /** Resolves a rich node; conditional parts are re-checked once the closure settles. */
  const requireRich = (node: RichNode, by: RpmPackage, text: string): string | null => {
    switch (node.kind) {
      case "dep":
        return requireSimple(node.dep, nevra(by));
      case "and":
      case "with":
      case "without": {
        const parts = node.kind === "without" ? node.items.slice(0, 1) : node.items;
        for (const item of parts) {
          const err = requireRich(item, by, text);
          if (err) return err;
        }
        return null;
      }
      case "or": {
        if (node.items.some(richSatisfied)) return null;
        const pick = node.items.find(resolvable);
        if (!pick) return "no alternative can be installed";
        return requireRich(pick, by, text);
      }
      case "if":
      case "unless":
        conditionals.push({ by, node, text });
        return null;
    }
  };

  for (const w of wanted) {
    const byName = installable(index.byName.get(w.name) ?? []);
    if (byName.length > 0) {
      select(byName[0]!, `listed in ${w.origin}`);
      continue;
    }
    const err = requireSimple({ name: w.name }, w.origin);
    if (err) {
      unresolved.push({
        by: w.origin,
        requirement: w.name,
        why: err === "nothing provides it" ? "no package of that name or providing it" : err,
      });
    } else {
      const chosen = [...selected.values()].find(
        (p) => reasons.get(p.name) === `${w.origin} requires ${w.name}`,
      );
      if (chosen) reasons.set(chosen.name, `listed in ${w.origin} (as "${w.name}")`);
    }
  }

  const drain = () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const self = new Set(p.provides.map((d) => d.name));
      for (const req of p.requires) {
        if (self.has(req.name) && !isRich(req.name)) {
          if (p.provides.some((d) => d.name === req.name && rangesOverlap(d, req))) continue;
        }
        if (p.files.includes(req.name)) continue;
        let err: string | null;
        if (isRich(req.name)) {
          try {
            err = requireRich(parseRich(req.name), p, req.name);
          } catch (e) {
            err = e instanceof RichDepError ? `cannot parse: ${e.message}` : String(e);
          }
        } else err = requireSimple(req, nevra(p));
        if (err) unresolved.push({ by: nevra(p), requirement: formatDep(req), why: err });
      }
    }
  };

  drain();
  // Conditionals (`a if b`) depend on what else got chosen: settle them to a fixpoint.
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of conditionals.splice(0)) {
      const cond = richSatisfied(c.node.cond);
      const branch =
        c.node.kind === "if"
          ? cond
            ? c.node.consequent
            : c.node.else
          : cond
            ? c.node.else
            : c.node.consequent;
      if (!branch || richSatisfied(branch)) {
        conditionals.push(c); // may still fire once its condition changes
        continue;
      }
      const before = selected.size;
      const err = requireRich(branch, c.by, c.text);
      if (err) unresolved.push({ by: nevra(c.by), requirement: c.text, why: err });
      else conditionals.push(c);
      drain();
      if (selected.size !== before) changed = true;
    }
  }

  const packages = [...selected.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { packages, reasons, unresolved, skipped: [] };
}

/** One line per optional name left out. */
export function formatSkipped(list: SkippedOptional[]): string[] {
  return list.map((s) => `${s.origin}: optional package ${s.name} left out: ${s.why}`);
}

/** One line per missing requirement, grouped by the package that needs it. */
export function formatUnresolved(list: Unresolved[]): string {
  return list.map((u) => `  ${u.by} requires ${u.requirement}: ${u.why}`).join("\n");
}
