/**
 * The keys a JSON text names twice in one object, with the JSON path of each (attacker 5, F15).
 * JSON.parse keeps the last one silently: a plan file whose reader saw `"disk": "/dev/nvme0n1"`
 * first would erase the disk named second, and a second "steps" array replaces the first. Runs on
 * text JSON.parse already accepted, so it only tracks strings, objects and arrays.
 */
export function duplicateKeys(text: string): string[] {
  type Frame =
    | { kind: "object"; keys: Set<string>; path: string; key?: string }
    | { kind: "array"; path: string; index: number };
  const stack: Frame[] = [];
  const found: string[] = [];
  /** Where the next value goes: the path of the member or element being read. */
  const here = (): string => {
    const top = stack.at(-1);
    if (!top) return "";
    return top.kind === "object" ? `${top.path}.${top.key ?? ""}` : `${top.path}[${top.index}]`;
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const top = stack.at(-1);
      if (expectKey && top?.kind === "object") {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) found.push(`${top.path}.${key}`.replace(/^\./, ""));
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === "{") {
      stack.push({ kind: "object", keys: new Set(), path: here() });
      expectKey = true;
    } else if (c === "[") {
      stack.push({ kind: "array", path: here(), index: 0 });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack.at(-1);
      if (top?.kind === "object") expectKey = true;
      else if (top?.kind === "array") top.index++;
    }
  }
  return found;
}
