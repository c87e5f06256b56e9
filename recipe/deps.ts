export class DependencyError extends Error {
  override name = "DependencyError";
  constructor(
    message: string,
    readonly missing: { name: string; neededBy: string | null }[] = [],
    readonly cycle: string[] = [],
  ) {
    super(message);
  }
}

/**
 * Orders `roots` and everything they depend on so that each recipe comes after its
 * dependencies (depth-first, in the order deps are listed, so the result is stable). Every
 * missing recipe is reported at once, with who needs it; a cycle is reported as its path.
 */
export function resolveOrder(roots: string[], depsOf: (name: string) => string[] | undefined): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const missing: { name: string; neededBy: string | null }[] = [];
  const stack: string[] = [];
  let cycle: string[] | undefined;

  const visit = (name: string, neededBy: string | null) => {
    if (cycle) return;
    const s = state.get(name);
    if (s === "done") return;
    if (s === "visiting") {
      cycle = [...stack.slice(stack.indexOf(name)), name];
      return;
    }
    const deps = depsOf(name);
    if (deps === undefined) {
      if (!missing.some((m) => m.name === name)) missing.push({ name, neededBy });
      state.set(name, "done");
      return;
    }
    state.set(name, "visiting");
    stack.push(name);
    for (const d of deps) visit(d, name);
    stack.pop();
    state.set(name, "done");
    order.push(name);
  };
  for (const r of roots) visit(r, null);

  if (cycle) throw new DependencyError(`dependency cycle: ${cycle.join(" -> ")}`, [], cycle);
  if (missing.length > 0) {
    const what = missing
      .map((m) => (m.neededBy ? `"${m.name}" (needed by ${m.neededBy})` : `"${m.name}"`))
      .join(", ");
    throw new DependencyError(`no recipe for ${what}`, missing);
  }
  return order;
}

/** Installed recipes that depend on `name`, directly or through other installed recipes. */
export function installedDependents(
  name: string,
  installed: Map<string, string[]>, // installed recipe -> its deps
): string[] {
  const out = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    for (const [r, deps] of installed) {
      if (deps.includes(cur) && !out.has(r) && r !== name) {
        out.add(r);
        queue.push(r);
      }
    }
  }
  return [...out].sort();
}
