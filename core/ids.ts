// Identifiers as SalesOS stores them: UUIDs (leads, users, conversations, digest runs, Teams app ids).
// One definition, so a check of "is this an id?" means the same thing in every repository and parser.

/** A whole string that is a UUID (any version, any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID anywhere in a text (source for building larger patterns). */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
