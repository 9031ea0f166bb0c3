// Turns pasted email text into subject + body. Conservative on purpose: a first line is taken as the subject
// only when it is labelled ("Subject:", "Subj:") or when it clearly looks like one (see isBareSubject).
import { ValidationError } from '../errors.ts';

export interface ParsedEmail {
  subject?: string;
  body: string;
}

const SUBJECT_LINE = /^\s*(?:subject|subj)\s*:\s*(.*)$/i;
const HEADER_LINE = /^\s*(?:to|from|cc|bcc|date|sent|reply-to)\s*:/i;
const GREETING = /^\s*(hi|hey|hello|dear|hiya|howdy|greetings|good\s+(morning|afternoon|evening))\b/i;
// Where a quoted earlier message starts: "On Tue, Sam wrote:", "-----Original Message-----", "From: ..." after text.
const QUOTE_INTRO = /^\s*(on\s.{3,200}\swrote:\s*$|-{2,}\s*original message\s*-{2,}|-{2,}\s*forwarded message\s*-{2,}|_{5,}\s*$)/i;

export function parseEmailText(text: string): ParsedEmail {
  if (typeof text !== 'string') throw new ValidationError('The email must be text.');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0]!.trim()) lines.shift();

  let subject: string | undefined;
  // A pasted header block: "To:", "From:" lines and the subject, in any order, before the first blank line.
  let i = 0;
  while (i < lines.length && (SUBJECT_LINE.test(lines[i]!) || HEADER_LINE.test(lines[i]!))) {
    const m = SUBJECT_LINE.exec(lines[i]!);
    if (m) subject = m[1]!.trim();
    i++;
  }
  if (subject === undefined) {
    i = 0;
    if (isBareSubject(lines)) {
      subject = lines[0]!.trim();
      i = 1;
    }
  }

  const body = stripSignature(stripQuoted(lines.slice(i)))
    .join('\n')
    .trim();
  if (!body) throw new ValidationError('The email has no body text: paste the message itself, not only a subject.');
  return subject === undefined ? { body } : { subject, body };
}

/**
 * An unlabelled first line is a subject only if: a blank line follows it, more text follows that, it is short
 * (≤ 60 characters, ≤ 8 words), it is not a greeting ("Hi Sam"), and it has no sentence punctuation or
 * trailing comma/colon. "Quick question about onboarding" qualifies; "Hi Dana," and "I saw your post." do not.
 */
function isBareSubject(lines: string[]): boolean {
  const first = lines[0]?.trim() ?? '';
  if (!first || lines.length < 3 || lines[1]!.trim() !== '') return false;
  if (!lines.slice(2).some((l) => l.trim())) return false;
  if (first.length > 60 || first.split(/\s+/).length > 8) return false;
  if (GREETING.test(first)) return false;
  return !/[.!?,;:]$/.test(first) && !/[.!?]\s/.test(first);
}

function stripQuoted(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (QUOTE_INTRO.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out;
}

/** Drops everything from the standard "-- " signature delimiter (RFC 3676 §4.3) down. */
function stripSignature(lines: string[]): string[] {
  const at = lines.findIndex((l) => /^--\s?$/.test(l));
  return at === -1 ? lines : lines.slice(0, at);
}
