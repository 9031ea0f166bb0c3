import { describe, expect, it } from 'vitest';
import { EMAIL_BODY_FIELDS, redactAuditInput } from '../../../core/audit/redact-input.ts';

describe('audit input redaction', () => {
  it('reduces the fields a tool names as email text to their length, at any depth and in any case', () => {
    expect(redactAuditInput({ subject: 'Hello', body: 'one two three' }, EMAIL_BODY_FIELDS)).toEqual({ subject: 'Hello', body: '[email body: 3 words]' });
    expect(redactAuditInput({ leadId: 'l1', draft: { HTML: '<p>Dear Jo, hi</p>' } }, EMAIL_BODY_FIELDS)).toEqual({
      leadId: 'l1',
      draft: { HTML: '[email body: 3 words]' },
    });
    expect(redactAuditInput({ pitch: 'a b', body: 'kept' }, ['pitch'])).toEqual({ pitch: '[email body: 2 words]', body: 'kept' });
  });

  it('keeps a lead email address, which is a reference and not a body', () => {
    expect(redactAuditInput({ email: 'jo@acme.com' }, EMAIL_BODY_FIELDS)).toEqual({ email: 'jo@acme.com' });
  });

  it('leaves text fields alone when the tool names none, but scrubs their secrets', () => {
    expect(redactAuditInput({ text: 'CTOs in Berlin', token: 'xoxb-123456789012' })).toEqual({ text: 'CTOs in Berlin', token: '[redacted]' });
    expect(redactAuditInput({ q: 'Bearer abcdefghijk12345' }, [])).toEqual({ q: 'Bearer [redacted]' });
  });

  it('makes strings storable in jsonb', () => {
    expect(redactAuditInput({ q: 'a\u0000b\ud800' })).toEqual({ q: 'ab\ufffd' });
    expect(redactAuditInput(undefined)).toBeNull();
  });
});
