// What a rep calls a lead — an id, an email address or a full name — told apart by its shape.
import { UUID } from '../ids.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type LeadRef = { kind: 'id' | 'email' | 'name'; value: string };

export function parseLeadRef(raw: string): LeadRef {
  const value = raw.trim();
  if (UUID.test(value)) return { kind: 'id', value: value.toLowerCase() };
  if (EMAIL.test(value)) return { kind: 'email', value: value.toLowerCase() };
  return { kind: 'name', value };
}
