import { inRoot } from "../../steps/rootPath.js";
import type { Step } from "../../steps/step.js";

export interface LocaleSpec {
  locale?: string;
  keymap?: string;
  timezone?: string;
}

/**
 * Locale, console keymap and time zone inside a root, as files (what `systemd-firstboot --root`
 * writes): /etc/locale.conf (LANG), /etc/vconsole.conf (KEYMAP), /etc/localtime → zoneinfo.
 * Keys are set in place so other settings in those files (FONT=, LC_TIME=) survive.
 */
export function localeSteps(root: string, spec: LocaleSpec, idPrefix = "setLocale"): Step[] {
  const base = { phase: "locale", source: "setLocale", destructive: false } as const;
  const steps: Step[] = [];
  if (spec.locale) {
    const path = inRoot(root, "/etc/locale.conf");
    steps.push({
      ...base,
      id: `${idPrefix}.locale`,
      title: `Set the system language to ${spec.locale}`,
      changes: `${path}: LANG`,
      action: { kind: "setKeys", path, keys: { LANG: spec.locale }, mode: 0o644 },
    });
  }
  if (spec.keymap) {
    const path = inRoot(root, "/etc/vconsole.conf");
    steps.push({
      ...base,
      id: `${idPrefix}.keymap`,
      title: `Set the console keyboard layout to ${spec.keymap}`,
      changes: `${path}: KEYMAP`,
      action: { kind: "setKeys", path, keys: { KEYMAP: spec.keymap }, mode: 0o644 },
    });
  }
  if (spec.timezone) {
    const path = inRoot(root, "/etc/localtime");
    steps.push({
      ...base,
      id: `${idPrefix}.timezone`,
      title: `Set the time zone to ${spec.timezone}`,
      changes: path,
      // Relative, so the link resolves inside the installed system, not on the live one.
      action: { kind: "symlink", path, target: `../usr/share/zoneinfo/${spec.timezone}` },
    });
  }
  return steps;
}

/** /etc/hostname inside a root. */
export function hostnameSteps(root: string, hostname: string, idPrefix = "setHostname"): Step[] {
  const path = inRoot(root, "/etc/hostname");
  return [
    {
      id: `${idPrefix}.hostname`,
      phase: "hostname",
      source: "setHostname",
      title: `Name the machine ${hostname}`,
      changes: path,
      destructive: false,
      action: { kind: "writeFile", path, content: `${hostname}\n`, mode: 0o644 },
    },
  ];
}
