// The shapes the email rubric takes and returns; renderers (Slack, Teams, terminal) build on these.

export type CheckStatus = 'pass' | 'warn' | 'fail';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export type CheckId =
  | 'length'
  | 'reading_grade'
  | 'sentence_length'
  | 'subject'
  | 'call_to_action'
  | 'value_proposition'
  | 'proof_point'
  | 'relevance'
  | 'trigger_link'
  | 'audience_fit'
  | 'cliches'
  | 'follow_up_nag'
  | 'feature_dump'
  | 'repetition'
  | 'you_focus'
  | 'spam_words'
  | 'shouting'
  | 'links'
  | 'deceptive_prefix'
  | 'paragraphs';

export interface Check {
  id: CheckId;
  label: string;
  status: CheckStatus;
  measured: string | number;
  target: string;
  /** Exact words, sentences or lines quoted from the email (or what was found). */
  evidence: string[];
  /** How much this check counts on this email: the model's log-odds between failing and passing it, ×10. */
  weight: number;
  /** Points the score would gain if this check passed (0 when it does); scoreEmail always sets it. */
  pointsToGain?: number;
  advice: string;
}

export interface EmailScore {
  score: number;
  grade: Grade;
  wordCount: number;
  checks: Check[];
  summary: string;
}

/** What we know about the recipient; used to recognise real personalisation. */
export interface LeadFacts {
  firstName?: string;
  company?: string;
  title?: string;
  industry?: string;
  city?: string;
  techStack?: string[];
  /** What happened lately (activity log lines, enrichment changes): the freshest relevance there is. */
  recentActivity?: string[];
  /** The rep's notes on the lead. */
  notes?: string[];
}

export interface EmailToScore {
  subject?: string;
  body: string;
  /** A first touch may not pretend to be a reply ("Re:"). Defaults to true unless the body refers to an earlier email. */
  isFirstTouch?: boolean;
  lead?: LeadFacts;
}

/** A check plus the short phrase the summary uses when it is a problem ("3 calls to action"). */
export interface CheckResult {
  check: Check;
  problem?: string;
}
