// Aligned "Label: value" lines; long values wrap under the value column, empty values are left out.
import type { RenderContext } from './context.ts';
import { displayWidth, hang, truncate } from './text.ts';

export function renderFacts(facts: [label: string, value: string][], ctx: RenderContext, indentBy = 2): string[] {
  const shown = facts.filter(([, v]) => v !== '');
  if (!shown.length) return [];
  // Labels stay short, so values keep most of a narrow terminal.
  const labelWidth = Math.min(Math.max(...shown.map(([l]) => displayWidth(l))) + 1, Math.floor(ctx.width / 3));
  const lead = ' '.repeat(indentBy);
  return shown.flatMap(([label, v]) => {
    const tag = truncate(`${label}:`, labelWidth).padEnd(labelWidth + 1);
    const [first = '', ...rest] = hang(lead + tag, v, ctx.width);
    return [lead + ctx.style.dim(tag) + first.slice(lead.length + tag.length), ...rest];
  });
}
