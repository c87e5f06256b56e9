/**
 * Its own module so the clause classifier and the disk-call builders can both name it without
 * importing each other.
 *
 * "keep": a clause that asks to leave something as it is ("but keep bat"); it makes no call.
 */
export type Intent = "partition" | "user" | "install" | "remove" | "locale" | "host" | "bare" | "keep";
