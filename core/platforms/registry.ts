// The chat platforms SalesOS speaks on, in one place: the `Platform` type, how each is named to people and
// to the model, and which ones can be written to unasked (digests, reminders). Adding a platform starts
// here; the `Platform` enum in prisma/schema.prisma lists the same ids (test/core/platforms checks it).

export interface PlatformInfo {
  /** How people call it, in messages and logs ("Microsoft Teams"). */
  readonly label: string;
  /** Where the user is talking to SalesOS, as the system prompt tells the model ("inside …"). */
  readonly place: string;
  /** Messages nobody asked for right now (digests) can be sent there: a bot can open a chat with a user. */
  readonly proactive: boolean;
  /**
   * A sender can look up whether an earlier post arrived (Slack reads the DM's history; Teams lists no
   * activities to bots), so a resend after an uncertain attempt looks first instead of being refused.
   */
  readonly searchable: boolean;
}

export type PlatformRegistry<P extends string = string> = Readonly<Record<P, PlatformInfo>>;

export const PLATFORMS = {
  slack: { label: 'Slack', place: 'Slack', proactive: true, searchable: true },
  teams: { label: 'Microsoft Teams', place: 'Microsoft Teams', proactive: true, searchable: false },
  console: { label: 'the terminal', place: 'a terminal', proactive: false, searchable: false },
  mcp: { label: 'MCP', place: 'an AI client over the Model Context Protocol', proactive: false, searchable: false },
} as const satisfies PlatformRegistry;

export type Platform = keyof typeof PLATFORMS;

/** The platforms a digest or reminder can be sent to. */
export type ProactivePlatform = { [P in Platform]: (typeof PLATFORMS)[P]['proactive'] extends true ? P : never }[Platform];

export const PLATFORM_IDS = Object.keys(PLATFORMS) as Platform[];

export const PROACTIVE_PLATFORMS = PLATFORM_IDS.filter((p): p is ProactivePlatform => PLATFORMS[p].proactive);

export function isPlatform(value: string): value is Platform {
  return Object.hasOwn(PLATFORMS, value);
}

export function isProactivePlatform(value: string): value is ProactivePlatform {
  return isPlatform(value) && PLATFORMS[value].proactive;
}

/**
 * What the registry says about a platform. An id it does not know is an error, never a neighbour's entry:
 * a user of an unregistered platform must not be told they are somewhere else.
 */
export function platformInfo<P extends string>(platform: P, registry: PlatformRegistry<P> = PLATFORMS as unknown as PlatformRegistry<P>): PlatformInfo {
  const info = Object.hasOwn(registry, platform) ? registry[platform] : undefined;
  if (!info) throw new Error(`"${platform}" is not a registered chat platform (core/platforms/registry.ts)`);
  return info;
}
