import { z } from "zod";
import { grammarPattern } from "./grammarPattern.js";
import type { ToolSpec } from "./types.js";

/** RFC 1123: dot-separated labels of letters, digits and hyphens, no label starting or ending with a hyphen. */
export const HOSTNAME_PATTERN =
  "^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";

/**
 * What the llm grammar lets a model write: one label of up to 63 characters; two of up to 31
 * ("workstation.home-office"); or a first label of up to 27 and two or three more of up to 11
 * ("web01.example.com", "db-2.prod.eu-west-1.lan"): at most 63 characters in all, so every name the grammar admits passes the 64-character check below
 * (the compiler bounds patterns by their longest case, and 63-character labels with dots cannot
 * stay under 64 that way). A longer dotted name is still accepted from a plan file.
 */
const GRAMMAR_HOSTNAME =
  /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?|[A-Za-z0-9]([A-Za-z0-9-]{0,29}[A-Za-z0-9])?\.[A-Za-z0-9]([A-Za-z0-9-]{0,29}[A-Za-z0-9])?|[A-Za-z0-9]([A-Za-z0-9-]{0,25}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,9}[A-Za-z0-9])?){2,3})$/;

/**
 * Names every machine resolves to itself: localhost and the aliases Rocky's /etc/hosts gives it
 * (localhost.localdomain, localhost4, localhost6, …), and anything below .localhost (RFC 6761).
 * Attacker 7 L9: localhost was refused but localhost.localdomain passed.
 */
export function isLoopbackName(h: string): boolean {
  const l = h.toLowerCase();
  return /^localhost[46]?(\.|$)/.test(l) || l.endsWith(".localhost");
}

/** The one RFC 1123 rule `h` breaks, named as plainly as it can be. */
export function hostnameRuleBroken(h: string): string {
  const labels = h.split(".");
  if (labels.some((l) => l === ""))
    return "a hostname has no empty part: no leading, trailing or double dot (RFC 1123)";
  if (labels.some((l) => l.length > 63))
    return "each dot-separated part of a hostname is at most 63 characters (RFC 1123)";
  if (labels.some((l) => l.startsWith("-") || l.endsWith("-")))
    return "no part of a hostname starts or ends with a hyphen (RFC 1123)";
  if (h.length > 253) return "a hostname is at most 253 characters (RFC 1123)";
  return "a hostname is letters, digits and hyphens (RFC 1123), parts separated by dots";
}

const hostname = grammarPattern(
  z
    .string()
    .max(253)
    .regex(new RegExp(HOSTNAME_PATTERN), {
      error: (i) => hostnameRuleBroken(String(i.input)),
    })
    // Resolvers and ssh read an all-numeric name as an address; localhost is every machine.
    .refine((h) => !/^[0-9.]+$/.test(h) && !isLoopbackName(h), {
      error: (i) =>
        isLoopbackName(String(i.input))
          ? `${String(i.input)} names every machine to itself (/etc/hosts maps it to 127.0.0.1 and ::1); choose this machine's own name, such as workstation`
          : `${String(i.input)} is all digits, which resolvers and ssh read as an address; put a letter in it, such as host${String(i.input).split(".")[0]}`,
    })
    // the kernel keeps at most 64 bytes (HOST_NAME_MAX): a longer name fails when the system sets it.
    // A refinement beside .max(253), not .max(64): the grammar compiler bounds the whole pattern by
    // maxLength, and a 64-character bound leaves no room for a dotted name ("web01.example.com");
    // the grammar takes GRAMMAR_HOSTNAME instead
    .refine((h) => h.length <= 64, { message: "a hostname is at most 64 characters (the kernel's limit)" })
    .describe("The machine's name on the network, e.g. workstation"),
  GRAMMAR_HOSTNAME,
  64,
);

const args = z.strictObject({ hostname });

export const setHostname = {
  name: "setHostname",
  description: "Set the machine's hostname.",
  modes: ["live", "installed"],
  args,
  planArgs: args,
  examples: ["call this machine workstation", "hostname is atlas"],
} as const satisfies ToolSpec<typeof args, typeof args>;
