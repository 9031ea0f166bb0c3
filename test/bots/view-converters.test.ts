// Each platform's converter against its platform's rules, with a view that holds every kind of element and
// data that pushes every limit: Block Kit's caps, the `adaptivecards` parser, the terminal's width.
import { describe, expect, it } from 'vitest';
import { bold, context, section, text, type Element, type ViewCard } from '../../core/view/elements.ts';
import { renderCard as renderTerminal } from '../../bots/console/render/index.ts';
import { toTerminal } from '../../bots/console/render/convert.ts';
import { createStyle } from '../../bots/console/render/style.ts';
import { toBlockKit } from '../../bots/slack/blocks/convert.ts';
import { LIMITS, parseActionValue } from '../../bots/slack/blocks/limits.ts';
import { toAdaptiveCard } from '../../bots/teams/cards/convert.ts';
import { adaptiveCardProblems } from './teams/validate-card.ts';

const huge = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(120);
const hostile = '<!channel> @here [your bank](http://evil.example) *bold* \u202Eevil\u200B';

function kitchenSink(items: number): ViewCard {
  const children: Element[] = [
    text([bold('Bold '), hostile, { date: '2026-03-01T12:00:00Z', show: 'dateTime' }], { tone: 'warning', mark: 'warn' }),
    context('A note ', { date: '2026-03-01', show: 'date' }),
    { type: 'fields', fields: Array.from({ length: 14 }, (_, i) => ({ label: `Field ${i}`, value: [i % 3 ? hostile : huge] })) },
    {
      type: 'table',
      columns: [{ header: 'Name' }, { header: 'Value', align: 'right' }],
      rows: Array.from({ length: 80 }, (_, i) => [`${hostile} ${i}`, { text: `${i}`, tone: 'good' }]),
    },
    {
      type: 'items',
      columns: [
        { header: '#', align: 'right' },
        { header: 'Name', min: 10 },
      ],
      items: Array.from({ length: items }, (_, i) => ({
        id: `item_${i}`,
        cells: [String(i + 1), hostile],
        headline: [`${i + 1}. `, bold(hostile)],
        detail: [huge.slice(0, 500)],
        brief: [`${i + 1}. `, bold(hostile)],
        buttons: [{ label: 'Enrich'.repeat(20), action: { kind: 'tool', tool: 'enrichLead', input: { lead: `l${i}` } }, slot: String(i + 1) }],
      })),
    },
    { type: 'list', items: [{ mark: 'fail', label: 'Check', text: [hostile], quotes: [huge, 'two', 'three', 'four'], note: ['Fix it.'] }] },
    { type: 'list', start: 3, items: [{ text: [hostile], note: ['figures'] }], more: 7 },
    { type: 'verbatim', heading: [bold('Subject:'), ' Hello ```'], text: `Line one\n\n\`\`\`${huge}` },
    { type: 'meter', share: 1.4, label: 'of the budget spent' },
    { type: 'divider' },
    section('A section', [section('Nested', [{ type: 'list', items: [{ text: ['x'] }] }]), text('inside')]),
    section('An empty section', [], 'Nothing here.'),
    { type: 'image', url: 'https://example.com/chart.png', alt: 'A chart' },
    { type: 'actions', id: 'row', buttons: [{ label: 'Go', action: { kind: 'tool', tool: 'findLeads', input: { q: 'x'.repeat(3000) } }, slot: 'go' }] },
  ];
  return {
    title: `Title ${hostile} ${huge}`.slice(0, 400),
    subtitle: ['Subtitle ', { date: '2026-03-01T12:00:00Z', show: 'time', zone: 'Europe/Berlin' }],
    children,
    actions: {
      type: 'actions',
      id: 'card',
      buttons: [{ label: 'Confirm', action: { kind: 'confirm', actionId: 'pa_1' }, slot: 'pa_1', style: 'primary' }],
      hint: '[y]es / [n]o',
    },
    summary: `Summary ${hostile}`,
  };
}

describe('Block Kit converter', () => {
  it('keeps every block, text, field, button and value within Slack limits, whatever the view holds', () => {
    const { blocks, text: fallback } = toBlockKit(kitchenSink(40));
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(fallback).toBe(`Summary ${hostile}`);
    for (const b of blocks as any[]) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (b.type === 'section' && b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(LIMITS.sectionFields);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
      }
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (b.type === 'actions')
        for (const e of b.elements) {
          expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
          expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
          expect(parseActionValue(e.value)).toBeDefined();
        }
    }
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/<!channel>|(?<!＠)@here\b|[\u202E\u200B]/);
  });

  it('drops a button whose action does not fit its value, and keeps the items that lost their buttons as lines', () => {
    const { blocks } = toBlockKit(kitchenSink(40));
    const buttons = (blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => e.text.text));
    expect(buttons).not.toContain('Go');
    expect(JSON.stringify(blocks)).toContain('40. *');
  });

  it('shows a calendar day as it is and an instant as a date token in the reader’s zone', () => {
    const { blocks } = toBlockKit({
      children: [context({ date: '2026-03-01', show: 'date' }, ' · ', { date: '2026-03-01T12:00:00Z', show: 'time' })],
      summary: 's',
    });
    expect(JSON.stringify(blocks)).toContain(`2026-03-01 · <!date^${Date.UTC(2026, 2, 1, 12) / 1000}^{time}|2026-03-01 12:00 UTC>`);
  });
});

describe('Adaptive Card converter', () => {
  it('produces a card the adaptivecards parser accepts, every element kind included, with the summary as fallback', () => {
    const card = toAdaptiveCard(kitchenSink(12));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(card.fallbackText).toContain('Summary');
    expect(card.actions).toHaveLength(1);
  });

  it('shows Markdown and links in data literally, and instants as UTC stamps the reader’s zone replaces', () => {
    const json = JSON.stringify(toAdaptiveCard(kitchenSink(1)));
    expect(json).not.toMatch(/\]\(https?:/);
    expect(json).not.toMatch(/[\u202E\u200B]/);
    expect(json).toContain('\\\\*bold\\\\*');
    expect(json).toContain('2026-03-01 12:00 UTC');
    expect(json).toContain('13:00 Europe/Berlin');
  });

  it('lists at most ten records with their buttons and says how many more there are', () => {
    const card = toAdaptiveCard(kitchenSink(25));
    const json = JSON.stringify(card);
    expect(json).toContain('…and 15 more');
    expect(json).not.toContain('"lead":"l10"');
  });
});

describe('terminal converter', () => {
  it.each([40, 80, 120])('keeps every line of every element within %i columns, before any last-resort clamp', (width) => {
    const lines = toTerminal(kitchenSink(5), { width, style: createStyle(true), timeZone: 'Europe/Berlin' });
    const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');
    for (const l of lines) expect([...plain(l)].length, l).toBeLessThanOrEqual(width);
  });

  it('says what to type instead of buttons, and nothing for rows of buttons without words', () => {
    const out = toTerminal(kitchenSink(2), { width: 100, style: createStyle(false), timeZone: 'UTC' }).join('\n');
    expect(out).toContain('[y]es / [n]o');
    expect(out).not.toContain('Enrich');
    expect(out).not.toContain('\u202E');
  });

  it('rejects a card type it cannot render with a validation error, not a crash', () => {
    expect(() => renderTerminal({ type: 'hologram' } as never, { width: 80, color: false })).toThrow(/Cannot render a card of type "hologram"/);
  });
});
