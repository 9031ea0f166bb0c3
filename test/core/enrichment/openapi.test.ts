// The zod schemas in core/enrichment/types.ts are the contract; docs/enrichment-agent.openapi.yaml must
// describe the same fields, required lists, enums and types. No YAML parser is installed, so a small
// reader below walks the indentation of the `components.schemas` part of the file (which is block YAML
// with inline `{ type: … }` maps and `[a, b]` lists, nothing fancier).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SENIORITIES } from '../../../core/leads/filter.ts';
import { agentEnrichRequestSchema, agentEnrichResponseSchema, agentErrorSchema, ENRICHABLE_FIELDS } from '../../../core/enrichment/types.ts';
import {
  ATTRIBUTES,
  GOALS,
  lookalikesRequestSchema,
  lookalikesResponseSchema,
  OUTCOMES,
  patternsRequestSchema,
  patternsResponseSchema,
  SIZE_BANDS,
} from '../../../core/enrichment/analysis-types.ts';

const yaml = readFileSync(new URL('../../../docs/enrichment-agent.openapi.yaml', import.meta.url), 'utf8').split('\n');

const indentOf = (line: string) => line.length - line.trimStart().length;
const KEY = /^(\s*)([A-Za-z0-9_$'"/.-]+):(.*)$/;

/** The lines nested under the key path, e.g. ['components', 'schemas', 'EnrichResponse']. */
function block(path: string[], lines = yaml): string[] {
  if (path.length === 0) return lines;
  const [head, ...rest] = path;
  const base = Math.min(...lines.filter((l) => l.trim()).map(indentOf));
  const start = lines.findIndex((l) => indentOf(l) === base && KEY.exec(l)?.[2] === head);
  if (start < 0) throw new Error(`OpenAPI file has no ${head} at this level`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() && indentOf(line) <= base) break;
    if (line.trim()) out.push(line);
  }
  return block(rest, out);
}

/** Direct child keys of a block, with the text after the colon. */
function entries(lines: string[]): Map<string, string> {
  const base = Math.min(...lines.map(indentOf));
  const map = new Map<string, string>();
  for (const line of lines) {
    const m = KEY.exec(line);
    if (m && indentOf(line) === base) map.set(m[2]!, m[3]!.trim());
  }
  return map;
}

const flowList = (text: string | undefined) =>
  (text ?? '')
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function docSchema(name: string) {
  const lines = block(['components', 'schemas', name]);
  const top = entries(lines);
  const properties = top.has('properties') ? block(['properties'], lines) : [];
  const props = new Map<string, { type?: string; enum?: string[]; ref?: string }>();
  for (const [prop, inline] of entries(properties)) {
    const own = inline ? [] : block([prop], properties);
    const ownEntries = entries(own.length ? own : ['x: y']);
    const type = /type:\s*(\w+)/.exec(inline)?.[1] ?? ownEntries.get('type');
    const ref = /\$ref:\s*'#\/components\/schemas\/(\w+)'/.exec(inline || own.join('\n'))?.[1];
    props.set(prop, { type, ref, enum: ownEntries.has('enum') ? flowList(ownEntries.get('enum')) : undefined });
  }
  return { required: flowList(top.get('required')), props, enum: top.has('enum') ? flowList(top.get('enum')) : undefined, lines };
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; enum?: string[]; items?: JsonSchema };
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;

function expectSameObject(name: string, fromZod: JsonSchema) {
  const doc = docSchema(name);
  expect([...doc.props.keys()].sort(), `${name} property names`).toEqual(Object.keys(fromZod.properties ?? {}).sort());
  expect(doc.required.sort(), `${name} required`).toEqual([...(fromZod.required ?? [])].sort());
  for (const [prop, spec] of Object.entries(fromZod.properties ?? {})) {
    const documented = doc.props.get(prop)!;
    if (documented.ref) continue; // compared through the referenced component
    expect(documented.type, `${name}.${prop} type`).toBe(spec.type);
    if (spec.enum) expect(documented.enum, `${name}.${prop} enum`).toEqual(spec.enum);
  }
}

describe('enrichment agent OpenAPI document matches the zod contract', () => {
  const response = json(agentEnrichResponseSchema);
  const request = json(agentEnrichRequestSchema);

  it('declares OpenAPI 3.1 with POST /v1/enrich, /v1/patterns, /v1/lookalikes and GET /healthz', () => {
    expect(yaml[0]).toBe('openapi: 3.1.0');
    expect([...entries(block(['paths'])).keys()]).toEqual(['/v1/enrich', '/v1/patterns', '/v1/lookalikes', '/healthz']);
    expect([...entries(block(['paths', '/v1/enrich'])).keys()]).toEqual(['post']);
  });

  it('documents every status SalesOS handles', () => {
    const statuses = [...entries(block(['paths', '/v1/enrich', 'post', 'responses'])).keys()];
    expect(statuses).toEqual(["'200'", "'400'", "'401'", "'404'", "'422'", "'429'", '5XX']);
  });

  it('describes the response envelope', () => {
    expectSameObject('EnrichResponse', response);
  });

  it('describes every enriched lead field with its type', () => {
    expectSameObject('EnrichedLead', response.properties!.lead!);
  });

  it('lists the seniorities of core/leads/filter.ts', () => {
    expect(docSchema('EnrichedLead').props.get('seniority')?.enum).toEqual([...SENIORITIES]);
  });

  it('describes the request and what SalesOS sends about the lead', () => {
    expectSameObject('EnrichRequest', request);
    expectSameObject('LeadQuery', request.properties!.lead!);
  });

  it('lists the enrichable fields', () => {
    expect(docSchema('EnrichableField').enum).toEqual([...ENRICHABLE_FIELDS]);
  });

  it('describes the error body', () => {
    const error = json(agentErrorSchema);
    expectSameObject('Error', error);
    const nested = entries(block(['components', 'schemas', 'Error', 'properties', 'error', 'properties']));
    expect([...nested.keys()].sort()).toEqual(Object.keys(error.properties!.error!.properties!).sort());
  });

  it('describes the patterns request and answer', () => {
    const request = json(patternsRequestSchema);
    const response = json(patternsResponseSchema);
    expectSameObject('PatternsRequest', request);
    expectSameObject('PatternLead', request.properties!.leads!.items!);
    expectSameObject('PatternsResponse', response);
    expectSameObject('Pattern', response.properties!.patterns!.items!);
    expectSameObject('FittedModel', response.properties!.model!);
  });

  it('describes the lookalikes request and answer', () => {
    const request = json(lookalikesRequestSchema);
    const response = json(lookalikesResponseSchema);
    expectSameObject('LookalikesRequest', request);
    expectSameObject('LeadProfile', request.properties!.seeds!.items!);
    expectSameObject('Candidate', request.properties!.candidates!.items!);
    expectSameObject('LookalikesResponse', response);
    expectSameObject('Lookalike', response.properties!.matches!.items!);
  });

  it('lists the same outcomes, goals, size bands and attributes', () => {
    expect(docSchema('Outcome').enum).toEqual([...OUTCOMES]);
    expect(docSchema('Goal').enum).toEqual([...GOALS]);
    expect(docSchema('SizeBand').enum).toEqual([...SIZE_BANDS]);
    expect(docSchema('Attribute').enum).toEqual([...ATTRIBUTES]);
  });

  it('sends no name, email, company or note to the analyses', () => {
    for (const name of ['PatternLead', 'LeadProfile', 'Candidate']) {
      const props = [...docSchema(name).props.keys()];
      expect(
        props.filter((p) => ['email', 'fullName', 'firstName', 'lastName', 'company', 'notes', 'title'].includes(p)),
        name,
      ).toEqual([]);
    }
  });
});
