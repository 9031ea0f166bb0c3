// SalesOS tools as an AI SDK ToolSet for one turn. The model sees each tool's JSON schema; validation
// happens in our middleware (run-tool.ts) so an invalid call is audited and answered, not thrown.
import { jsonSchema, tool, type ToolSet } from 'ai';
import { z } from 'zod';
import { modelView, type ToolOutput } from '../core/agent/tool-output.ts';
import { runTool } from './run-tool.ts';
import type { SalesTool, ToolContext } from '../tools/tool.ts';

const schemaCache = new WeakMap<SalesTool, ReturnType<typeof jsonSchema>>();

function modelSchema(t: SalesTool) {
  let s = schemaCache.get(t);
  if (!s) {
    s = jsonSchema(z.toJSONSchema(t.inputSchema, { io: 'input', unrepresentable: 'any' }) as Parameters<typeof jsonSchema>[0]);
    schemaCache.set(t, s);
  }
  return s;
}

export function toAiToolSet(tools: readonly SalesTool[], ctx: ToolContext): ToolSet {
  const set: ToolSet = {};
  for (const t of tools) {
    set[t.name] = tool({
      description: t.description,
      inputSchema: modelSchema(t),
      execute: (input: unknown) => runTool(t, input, ctx),
      toModelOutput: ({ output }: { output: ToolOutput }) => modelView(output),
    });
  }
  return set;
}
