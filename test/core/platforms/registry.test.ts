// The platform registry is the one list of chat platforms: the database's Platform enum holds the same
// ids, the system prompt names each platform from it, and a platform it does not know is an error, never
// another platform's name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInstructions } from '../../../core/agent/instructions.ts';
import { isPlatform, PLATFORM_IDS, PLATFORMS, PROACTIVE_PLATFORMS, type PlatformInfo } from '../../../core/platforms/registry.ts';
import { ROOT } from '../../support/cli.ts';

const actor = { id: 'u1', email: 'jane@salesos.demo', name: 'Jane Rep', role: 'rep' as const, timeZone: 'UTC' };
const now = new Date('2026-11-25T12:00:00Z');
const capabilities = [{ name: 'findLeads', line: 'search leads' }];

const discord: PlatformInfo = { label: 'Discord', place: 'Discord', proactive: true, searchable: true };
// A third chat platform registered next to the real ones, as a new bot would do.
const withDiscord = { ...PLATFORMS, discord };

describe('platform registry', () => {
  it('lists the same platforms as the database enum', () => {
    const schema = fs.readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
    const body = /enum Platform \{([^}]*)\}/.exec(schema)?.[1] ?? '';
    const values = body
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(values.sort()).toEqual([...PLATFORM_IDS].sort());
  });

  it('sends digests only where a bot can open a chat', () => {
    expect(PROACTIVE_PLATFORMS).toEqual(['slack', 'teams']);
    expect(isPlatform('teams')).toBe(true);
    expect(isPlatform('discord')).toBe(false);
    expect(isPlatform('toString')).toBe(false);
  });

  it('has the prompt name each registered platform, and no other', () => {
    for (const [id, info] of Object.entries(withDiscord)) {
      const prompt = buildInstructions({ actor, now, capabilities, platform: id, platforms: withDiscord });
      expect(prompt, id).toContain(`working inside ${info.place}.`);
      for (const [other, otherInfo] of Object.entries(withDiscord))
        if (other !== id && !info.place.includes(otherInfo.place)) expect(prompt, `${id} prompt names ${other}`).not.toContain(otherInfo.place);
    }
  });

  it('never tells a Discord user they are in Teams', () => {
    const prompt = buildInstructions({ actor, now, capabilities, platform: 'discord', platforms: withDiscord });
    expect(prompt).toContain('working inside Discord.');
    expect(prompt).not.toMatch(/Teams|Slack/);
  });

  it('refuses a platform nobody registered instead of naming another', () => {
    expect(() => buildInstructions({ actor, now, capabilities, platform: 'discord' as never })).toThrow(/"discord" is not a registered chat platform/);
    expect(() => buildInstructions({ actor, now, capabilities, platform: 'toString' as never })).toThrow(/not a registered/);
  });
});
