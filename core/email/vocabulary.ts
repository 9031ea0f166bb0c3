// Phrase families that carry no information for the reader. Lists are right for these (a cliché *is* a
// fixed phrase); the ask, the value proposition, the proof and the relevance checks read structure instead.
// Sources for each family: docs/email-rubric.md.

/** Openers that delay the point: the first sentence a reader sees says nothing about them. */
export const EMPTY_OPENERS: RegExp[] = [
  /\b(i )?(hope|trust) (this|my) (e-?mail|message|note) finds you\b/i,
  /\bhope (you(['’]re| are)|you have been|you['’]ve been|all is|things are|this week|your week|you had)\b/i,
  /\bi hope you(['’]re| are) (having|doing)\b/i,
  /^(i )?hope\b/i,
  /\bmy name is\b/i,
  /\b(allow|let) me (to )?introduce\b/i,
  /\bi (just )?wanted to (reach out|introduce|tell you|touch base|connect|share a bit)\b/i,
  /\bi know you(['’]re| are) (busy|slammed)\b/i,
  /\bi(['’]ll| will) keep (this|it) (short|brief)\b/i,
  /\bi came across your (profile|company|website|linkedin)\b/i,
  /\bdear (sir|madam|sir\/madam|business owner|friend|valued)\b/i,
  /^hi friend\b/i,
  /\bin today['’]s (fast-paced|ever-changing|competitive|digital|busy)\b/i,
];

/** Buzzwords and stock phrases: claims without content. */
export const CLICHES: RegExp[] = [
  /\bbest[- ]in[- ]class\b/i,
  /\bworld[- ]class\b/i,
  /\bcutting[- ]edge\b/i,
  /\bstate[- ]of[- ]the[- ]art\b/i,
  /\bgame[- ]chang(er|ing)\b/i,
  /\brevolutioni[sz]e\b/i,
  /\bindustry[- ]leading\b/i,
  /\bleading (provider|solution|platform)\b/i,
  /\binnovative (solution|platform|products?|approach)s?\b/i,
  /\b(next|another) level\b/i,
  /\bsynerg(y|ies)\b/i,
  /\bseamless(ly)?\b/i,
  /\brobust\b/i,
  /\bleverag(e|ing)\b/i,
  /\bend[- ]to[- ]end (solution|platform|it|offering)s?\b/i,
  /\bone[- ]stop[- ]shop\b/i,
  /\bholistic\b/i,
  /\bparadigm\b/i,
  /\bunlock (the |your )?(full )?(value|potential|growth)\b/i,
  /\bsupercharge\b/i,
  /\bmove the needle\b/i,
  /\blow[- ]hanging fruit\b/i,
  /\bwin[- ]win\b/i,
  /\btouch base\b/i,
  /\bvalue[- ]add\b/i,
  /\bturnkey\b/i,
  /\bahead of the curve\b/i,
  /\bmore important than ever\b/i,
  /\bpassionate about\b/i,
  /\bdelivering excellence\b/i,
  /\bdigital transformation\b/i,
  /\bhyperautomation\b/i,
  /\bfrictionless\b/i,
  /\bpick your brain\b/i,
  /\b(great|perfect|natural) (fit|match)\b/i,
  /\btrusted by (companies|businesses|teams|leaders)\b/i,
  /\b(grow|work) (faster|smarter) and (work|grow) (smarter|faster)\b/i,
  /\bdo more with less\b/i,
  // The sender telling the reader what they will value: "I think you'd find a demo really valuable".
  /\b(?:i think|i['’]m (?:sure|confident)|i believe) you(?:['’]d| would) (?:find|love|enjoy|benefit from)\b/i,
  /\bthought leader/i,
  /\bdelighted to (introduce|share)\b/i,
  /\bi(['’]m| am) (reaching out|writing|contacting you|emailing you)\b/i,
  /\bdid you know\b/i,
  /\bgreat insights\b/i,
  /\blove what you(['’]re| are) (doing|building)\b/i,
];

/** Closers that hand the work back to the reader instead of asking for one thing. */
export const EMPTY_CLOSERS: RegExp[] = [
  /\blet me know if (you(['’]re| are)|you would be|this is|it['’]s)? ?interest(ed|ing)\b/i,
  /\bplease let me know (if interested|your thoughts)\b/i,
  /\bdon['’]t hesitate to\b/i,
  /\bfeel free to (reach out|contact|get in touch)\b/i,
  /\bat your earliest convenience\b/i,
  /\b(i )?look(ing)? forward to hearing from you\b/i,
  /\bthanks in advance\b/i,
  /\bhope to hear from you\b/i,
  /\bhave a (great|good|nice|wonderful) (week|day|weekend)\b/i,
];

/** A follow-up that only says "me again": it makes the reader find the earlier email and adds nothing. */
export const NAGS: RegExp[] = [
  /\bjust (following|checking) (up|in)\b/i,
  /\bfollowing up on my (last|previous|earlier|prior)\b/i,
  /\bcircl(e|ing) back\b/i,
  /\bbump(ing)? (this|this up|this to the top)\b/i,
  /\bdid you (get|have) a chance\b/i,
  /\b(haven['’]t|have not|not) heard back\b/i,
  /\bper my (last|previous)\b/i,
  /\bmy (last|previous|earlier) (\w+ )?(e-?mails?|notes?|messages?)\b/i,
  /\bi['’]ve (tried|been trying) (to reach|reaching)\b/i,
  /\btried reaching (you|out)\b/i,
  /\b(a few|several|multiple|\d+) times( now)?\b.*\b(reach|email|contact)|\b(reach|emailed|contacted)\w* .*\b(a few|several|multiple) times\b/i,
  /\b(\d+(st|nd|rd|th)|last|final) attempt\b/i,
  /\bnot sure if you saw\b/i,
  /\bin case (you missed|it got buried)\b/i,
  /\bclose the loop\b/i,
  /\bstill on your radar\b/i,
  // Any pointer back to earlier outreach the reader has to go and find.
  /\b(my|the) (note|e-?mail|message)s? (below|above)\b|\bsee (my |the )?(note|e-?mail|message) below\b/i,
  /\b(float|floating|resurfac\w*|bring(ing)?) (this|it) (back )?(up|to the top)\b/i,
  /\b(i |we )?(sent|wrote) you (a note|an e-?mail|a message)\b/i,
  /\breach(ed|ing)? out (a few times|several times|last week|before|earlier|previously)\b/i,
  /\bshould i (keep reaching out|close your file|stop reaching out)\b/i,
];

/** Words that name an outcome without saying what changes: "improve efficiency", "grow faster". */
export const VAGUE_WORDS = new Set(
  (
    'results result efficiency efficient productivity productive growth grow grows growing faster smarter better more done success ' +
    'successful value values potential performance costs cost processes process operations operation solutions solution ' +
    'needs business businesses goals goal transformation excellence experience experiences workflows workflow roi level ' +
    'improve improves improving increase increases reduce reduces boost boosts drive drives optimize optimise streamline ' +
    'achieve enhance maximize maximise work works time save saves things everything organisations organizations companies ' +
    'company teams team yours like help helps helping leaders space industry similar great many lot power powerful easy easier ' +
    'simple simpler scale together unlock sync next competitive stay ahead tools tool platform software modern innovative new ' +
    'challenges challenge market digital world solutions explore exploring glad support supports supporting partner partners ' +
    'doing whether could'
  ).split(' '),
);

/** Sender self-description: founding story, headcount, culture. Not a value to the reader. */
export const SELF_DESCRIPTION =
  /\b(founded|were founded|we(['’]ve| have) grown|we raised|we(['’]re| are) (very )?proud|our (culture|mission|story)|our team (is|are|was|were|has|have|consists|includes)|we believe|named one of|fastest[- ]growing|award[- ]winning|introducing)\b/i;

/** Hype and fake-urgency patterns that spam filters and readers both distrust. */
/** `pressure`: manufactured urgency or a prize, which fails the spam check on its own. */
export const SPAM_PATTERNS: { re: RegExp; label: string; pressure?: boolean }[] = [
  { re: /\b\d{2,}\s?x\b|\b\d+x your\b/i, label: 'multiplier hype ("10x")' },
  { re: /\b(\d{3,}|[2-9]\d{2})\s?%\s*(more|increase|growth|roi|return)/i, label: 'implausible percentage' },
  { re: /\bzero (effort|risk|work)\b/i, label: '"zero effort" claim' },
  { re: /\b(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|rebrand\.ly)\//i, label: 'link shortener' },
  { re: /!{3,}/, label: '"!!!"' },
  { re: /\b(you(['’]ve| have) been|you are) (selected|chosen)\b/i, label: '"you have been selected"', pressure: true },
  { re: /\bclaim your\b/i, label: '"claim your"' },
  { re: /\breply (yes|now|stop)\b/i, label: '"reply YES"' },
  {
    re: /\b(offer|price|pricing|prices|rates?|discount|deal) (ends|expires|goes back|goes up|go up|rises|increases)\b|\bexpires (tonight|today|at midnight|soon)\b|\bgoes back to list\b/i,
    label: 'expiring offer',
    pressure: true,
  },
  {
    re: /\bonly (\w+ )?(spots?|seats?|slots?) left\b|\b(spots?|seats?|slots?)\b[^.!?]{0,30}\b(almost|nearly|all but|going|filling up|selling)\s+(gone|full|fast|out)\b/i,
    label: 'fake scarcity',
    pressure: true,
  },
  { re: /\b(special|discounted|exclusive) (price|pricing|rate)\b|\block in (your )?pric/i, label: 'price pitch in a first touch', pressure: true },
  { re: /\bno (contracts?|risk|strings)\b|\bcancel any ?time\b/i, label: 'risk-reversal hype' },
  { re: /\b(rank|ranked) #?1\b|#1 on google/i, label: '"#1" claim' },
  { re: /\bon autopilot\b/i, label: '"on autopilot"' },
];
