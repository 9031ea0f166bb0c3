import { describe, expect, it } from 'vitest';
import { redactAuditInput } from '../../../core/audit/redact-input.ts';

describe('audit input redaction', () => {
  it('reduces email bodies of roastEmail and draftEmail to their length', () => {
    expect(redactAuditInput('roastEmail', { subject: 'Hello', body: 'one two three' })).toEqual({ subject: 'Hello', body: '[email body: 3 words]' });
    expect(redactAuditInput('draftEmail', { leadId: 'l1', draft: { html: '<p>Dear Jo, hi</p>' } })).toEqual({
      leadId: 'l1',
      draft: { html: '[email body: 3 words]' },
    });
  });

  it('keeps a lead email address, which is a reference and not a body', () => {
    expect(redactAuditInput('draftEmail', { email: 'jo@acme.com' })).toEqual({ email: 'jo@acme.com' });
  });

  it('leaves text fields of other tools alone but scrubs their secrets', () => {
    expect(redactAuditInput('findLeads', { text: 'CTOs in Berlin', token: 'xoxb-123456789012' })).toEqual({ text: 'CTOs in Berlin', token: '[redacted]' });
    expect(redactAuditInput('findLeads', { q: 'Bearer abcdefghijk12345' })).toEqual({ q: 'Bearer [redacted]' });
  });

  it('makes strings storable in jsonb', () => {
    expect(redactAuditInput('findLeads', { q: 'a\u0000b\ud800' })).toEqual({ q: 'ab\ufffd' });
    expect(redactAuditInput('findLeads', undefined)).toBeNull();
  });
});
