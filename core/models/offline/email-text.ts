// Pulls an email out of a chat message: "roast this email: …" with the email on the same line and/or the
// following lines; a "Subject: …" line becomes the subject.

export interface EmailText {
  subject?: string;
  body: string;
}

/** `afterTrigger` is everything after the words that asked for the roast (e.g. after "roast this email"). */
export function parseEmailText(afterTrigger: string): EmailText {
  let text = afterTrigger.replace(/^[ \t]*[:?!.\-–—]+[ \t]*/, '').replace(/^\s*\n/, '');
  // Code fences and surrounding quotes are how chat apps paste text, not part of the email.
  text = text.replace(/^\s*```[\w-]*\s*\n?/, '').replace(/\n?```\s*$/, '');
  const quoted = /^\s*["“]([\s\S]*)["”]\s*$/.exec(text);
  if (quoted) text = quoted[1]!;
  // "Subject: Partnership opportunity Body: Hi Emma, …" pasted on one line: the body starts at its label.
  text = text.replace(/^(\s*(?:subject|subj|re|title)\s*:[^\n]*?)\s+(?=(?:body|message)\s*:)/im, '$1\n');
  const lines = text.split('\n');
  let subject: string | undefined;
  const subjectAt = lines.findIndex((l) => /^\s*(?:subject|subj|re|title)\s*:/i.test(l));
  if (subjectAt >= 0 && subjectAt <= 2) {
    subject = lines[subjectAt]!.replace(/^\s*(?:subject|subj|re|title)\s*:\s*/i, '').trim() || undefined;
    lines.splice(subjectAt, 1);
  }
  const body = lines
    .join('\n')
    .replace(/^\s*(?:body|email|message)\s*:\s*/i, '')
    .replace(/^\s*\n+/, '')
    .trimEnd()
    .trim();
  return subject ? { subject: subject.slice(0, 200), body } : { body };
}
