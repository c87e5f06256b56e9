import { z } from "zod";
import type { ToolSpec } from "./types.js";

/** RFC 1123: dot-separated labels of letters, digits and hyphens, no label starting or ending with a hyphen. */
export const HOSTNAME_PATTERN =
  "^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";

const args = z.strictObject({
  hostname: z
    .string()
    .max(253)
    .regex(new RegExp(HOSTNAME_PATTERN), {
      message: "a hostname is letters, digits and hyphens (RFC 1123), not starting or ending with a hyphen",
    })
    // the kernel keeps at most 64 bytes (HOST_NAME_MAX): a longer name fails when the system sets it.
    // A refinement beside .max(253), not .max(64): the grammar compiler bounds the whole pattern by
    // maxLength, and a 64-character bound leaves no room for a dotted name ("web01.example.com") in
    // the grammar; a model's longer name is refused by this check after decoding, like any invalid call
    .refine((h) => h.length <= 64, { message: "a hostname is at most 64 characters (the kernel's limit)" })
    .describe("The machine's name on the network, e.g. workstation"),
});

export const setHostname = {
  name: "setHostname",
  description: "Set the machine's hostname.",
  modes: ["live", "installed"],
  args,
  planArgs: args,
  examples: ["call this machine workstation", "hostname is atlas"],
} as const satisfies ToolSpec<typeof args, typeof args>;
