/**
 * Kickstart lines typed in the chat, said back in words: "network --hostname=box1" is "hostname
 * box1", "user --name=jan --groups=wheel" is "user jan with sudo", "timezone Europe/Berlin --utc"
 * is "timezone Europe/Berlin", "%packages git vim %end" is "install git and vim". People who know
 * the installer files type them as they would write them; read as prose, a flag's value went to
 * the wrong setting ("--utc" became the time zone) or a line was read as the answer to my pending
 * question ("network --hostname=box1" named the user I had asked about). Only a line that starts
 * with one of these commands and carries a flag is restated; the disk lines (clearpart, part,
 * ignoredisk) are left to the disk readers as typed.
 */

/** A flag's value: "--name=jan", "--name jan", "--xlayouts='de'". */
function flag(line: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)--${name}(?:=|\\s+)(?:"([^"]*)"|'([^']*)'|(\\S+))`, "i").exec(line);
  const v = m?.[1] ?? m?.[2] ?? m?.[3];
  return (
    v
      ?.replace(/^['"]|['"]$/g, "")
      .split(",")[0]
      ?.trim() || undefined
  );
}

/** The words after the command that are no flag: "timezone Europe/Berlin --utc" → "Europe/Berlin". */
function bare(line: string): string | undefined {
  return line
    .trim()
    .split(/\s+/)
    .slice(1)
    .find((w) => !w.startsWith("-"));
}

const ADMIN_GROUPS = /^(?:wheel|sudo|admin|sudoers)$/i;

/** One kickstart line in words, or undefined when the line is not one this reads. */
function lineWords(line: string): string | undefined {
  const cmd = /^\s*([a-z]+)\b/i.exec(line)?.[1]?.toLowerCase();
  if (!cmd || !/\s--?[a-z]/i.test(line)) return undefined;
  switch (cmd) {
    case "network": {
      const host = flag(line, "hostname");
      return host ? `hostname ${host}` : undefined;
    }
    case "user": {
      const name = flag(line, "name");
      if (!name || !/^[a-z_][a-z0-9_-]*$/i.test(name)) return undefined;
      const groups = /(?:^|\s)--groups?(?:=|\s+)['"]?([^\s'"]+)/i.exec(line)?.[1]?.split(",") ?? [];
      return groups.some((g) => ADMIN_GROUPS.test(g))
        ? `user ${name} with sudo`
        : `user ${name} without sudo`;
    }
    case "lang": {
      const v = bare(line);
      return v ? `language ${v}` : undefined;
    }
    case "keyboard": {
      const v = flag(line, "vckeymap") ?? flag(line, "xlayouts") ?? bare(line);
      return v ? `keyboard ${v}` : undefined;
    }
    case "timezone": {
      const v = bare(line);
      return v ? `timezone ${v}` : undefined;
    }
    default:
      return undefined;
  }
}

/** "%packages git vim %end", one package a line or on one line: the programs to install. */
function packagesWords(text: string): string | undefined {
  const m = /%packages\b([\s\S]*?)(?:%end\b|$)/i.exec(text);
  if (!m) return undefined;
  const names = m[1]!
    .split(/\s+/)
    .filter((w) => w && !w.startsWith("-") && !w.startsWith("@") && !w.startsWith("--"));
  return names.length ? `install ${names.join(" and ")}` : undefined;
}

/** The text with its kickstart lines in words, one clause each; undefined when it has none. */
export function kickstartAsWords(text: string): string | undefined {
  const packages = packagesWords(text);
  const rest = packages ? text.replace(/%packages\b[\s\S]*?(?:%end\b|$)/i, "") : text;
  let changed = packages !== undefined;
  const lines = rest.split(/\n+/).map((l) => {
    const said = lineWords(l);
    if (said) changed = true;
    return said ?? l.trim();
  });
  if (!changed) return undefined;
  return [...lines.filter(Boolean), ...(packages ? [packages] : [])].join(" . ");
}
