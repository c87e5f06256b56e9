import { z } from "zod";
import type { ToolSpec } from "./types.js";

export const LOCALE_PATTERN = "^[a-z]{2,3}_[A-Z]{2}(\\.UTF-8)?(@[a-z]+)?$";
export const KEYMAP_PATTERN = "^[A-Za-z][A-Za-z0-9_-]{0,31}$";
export const TIMEZONE_PATTERN = "^(UTC|[A-Z][A-Za-z_]+(/[A-Z][A-Za-z0-9_+-]+){1,2})$";

const args = z
  .strictObject({
    locale: z
      .string()
      .max(32)
      .regex(new RegExp(LOCALE_PATTERN), { message: "a locale looks like de_DE.UTF-8" })
      .optional()
      .describe("System language and formats, e.g. de_DE.UTF-8"),
    keymap: z
      .string()
      .max(32)
      .regex(new RegExp(KEYMAP_PATTERN), { message: "a keymap is a console keymap name such as de, us, fr" })
      .optional()
      .describe("Console keyboard layout (a kbd keymap name), e.g. de, us, fr, de_CH-latin1"),
    timezone: z
      .string()
      .max(40)
      .regex(new RegExp(TIMEZONE_PATTERN), { message: "a timezone is an IANA name such as Europe/Berlin" })
      .optional()
      .describe("IANA time zone, e.g. Europe/Berlin"),
  })
  .refine((a) => a.locale !== undefined || a.keymap !== undefined || a.timezone !== undefined, {
    message: "setLocale needs at least one of locale, keymap or timezone",
  });

export const setLocale = {
  name: "setLocale",
  description:
    "Set the system language (locale), console keyboard layout (keymap) and/or time zone. One call carries every setting asked for in the turn.",
  modes: ["live", "installed"],
  args,
  planArgs: args,
  examples: ["German keyboard, Berlin time", "set the language to French", "I'm in Tokyo"],
} as const satisfies ToolSpec<z.ZodObject, typeof args>;
