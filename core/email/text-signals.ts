// Small, reusable readings of a sentence that the substance checks share: numbers, named entities,
// content words. Kept apart from the checks so each check reads as its rule, not as parsing.

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|a third|a quarter|twice|double|triple|zero|first|second|third|fourth|fifth';
const NUMBER = new RegExp(String.raw`(?:[$€£]\s?)?\d[\d,.]*\s?(?:%|x\b|k\b|m\b|bn\b|\+)?|(?<![\p{L}])(?:${NUMBER_WORDS})(?![\p{L}])|[±]\s?\d`, 'iu');

/** A change in the world: the verbs that results are reported with ("cut", "rose", "went from … to"). */
export const RESULT_VERB =
  /\b(saw|sees|see|cut|cuts|reduced|reduces|reduce|dropped|drops|fell|fall|rose|rise|raised|grew|increased|improved|went|go from|moved|recovered|recover|saved|saves|blocked|caught|found|hit|hits|activated|onboarded|closed|passed|settles|settled|returned|doubled|halved|shaved|lowered|lifted|boosted|won|booked|shipped|stopped|prevented|avoided|resolved|resolves|answered|handled|processed|freed|eliminated|paused|launched|gained|added|converted|shortened|sped|beat|beats|matched|match|catch|flagged|scaled|hired|filled|ramped|landed|signed)\b|\bfrom (?:[^.]|\.\d){1,40}? to\b|\d(?:%|x| percent| points?)? (?:less|fewer|more|lower|higher|faster|slower|cheaper|quicker|shorter)\b|\d(?:%| percent) (?:below|under|above)\b/i;

/** A quantity: digits, a percentage, money, or a number word ("three", "a third", "twice"). */
export function hasNumber(sentence: string): boolean {
  return NUMBER.test(sentence);
}

// A quantity that measures something: not a calendar year ("in 2012"), an ordinal ("my fifth email") or the
// article-like "one" ("a one-word answer", "one of our clients").
const MEASURE_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|a third|a quarter|twice|double|triple';
const MEASURE = new RegExp(
  String.raw`(?:[$€£]\s?)?(?<![\d,.])(?!(?:19|20)\d\d(?![\d,.%]))\d[\d,.]*\s?(?:%|x\b|k\b|m\b|bn\b|\+)?|(?<![\p{L}])(?:${MEASURE_WORDS})(?![\p{L}])`,
  'iu',
);

/** A measured quantity: what a result reports ("18%", "$412,000", "from 9 days to 3", "half"). */
export function hasMeasure(sentence: string): boolean {
  return MEASURE.test(sentence);
}

// A figure that measures nothing: "Acme achieved 37% with our platform", "Zenith saw 2.4x." A percentage or a
// multiple after a verb of getting, with no measured thing after it ("a 37% drop in churn", "37% fewer stockouts")
// or before it ("cut churn by 37%"), says neither what changed nor how much of what. "Saw 3x in pipeline" names it.
const BARE_FIGURE =
  /\b(?:achieved|achieves|achieve|saw|sees|see|seen|got|gets|get|reached|reaches|hit|hits|delivered|delivers|realised|realized|experienced|reported|recorded|posted|could see|can see)\s+(?:(?:an?|up to|over|nearly|almost|around|about)\s+)?\d[\d.,]*\s?(?:%|x|×|percent)(?=\s*(?:$|[,.;:!?)]|(?:with|and|using|through|after|within|this|last|since|thanks|too|as well)\b|(?:in|over)\s+(?:\d|the first|an?\s|one|two|three|four|six|nine|twelve|their first|its first|q[1-4]\b)|on\s+(?:our|average)\b|across the board\b))/giu;

/** The sentence with its bare figures ("achieved 37%", "saw 2.4x") taken out. */
export function withoutBareFigures(sentence: string): string {
  BARE_FIGURE.lastIndex = 0;
  if (!BARE_FIGURE.test(sentence)) return sentence;
  // A time frame says how fast, not what was measured: "Zenith got 4x in 6 weeks" still measures nothing.
  return sentence
    .replace(BARE_FIGURE, (m) => m.replace(/\d[\d.,]*\s?(?:%|x|×|percent)$/iu, ''))
    .replace(
      /\b(?:in|within|over|after|inside)\s+(?:the first\s+)?(?:\d+|a|an|one|two|three|four|five|six|nine|twelve)\s+(?:days?|weeks?|months?|quarters?|years?)\b/gi,
      '',
    );
}

/** The sentence's figures are all bare: it has a figure, and none is left once the bare ones are taken out. */
export function onlyBareFigures(sentence: string): boolean {
  BARE_FIGURE.lastIndex = 0;
  const bare = BARE_FIGURE.test(sentence);
  BARE_FIGURE.lastIndex = 0;
  return bare && !hasMeasure(withoutBareFigures(sentence));
}

/** Digits only (not number words): what a measured claim usually carries. */
export function hasDigits(sentence: string): boolean {
  return /\d/.test(sentence);
}

// Capitalised words that start sentences or name days and months rather than an organisation or place.
const COMMON_CAPITALISED = new Set([
  'I',
  'We',
  'Our',
  'Us',
  'You',
  'Your',
  'The',
  'A',
  'An',
  'At',
  'In',
  'On',
  'For',
  'With',
  'Under',
  'As',
  'If',
  'It',
  'Its',
  'That',
  'This',
  'These',
  'Those',
  'They',
  'Their',
  'He',
  'She',
  'His',
  'Her',
  'Hi',
  'Hey',
  'Hello',
  'Dear',
  'Most',
  'Many',
  'Some',
  'Every',
  'Each',
  'Any',
  'All',
  'New',
  'And',
  'But',
  'Or',
  'So',
  'Also',
  'Just',
  'Would',
  'Could',
  'Can',
  'Should',
  'Will',
  'Is',
  'Are',
  'Do',
  'Does',
  'Did',
  'Want',
  'Who',
  'What',
  'When',
  'Where',
  'Why',
  'How',
  'Which',
  'Saw',
  'Noticed',
  'Read',
  'Congrats',
  'Congratulations',
  'Thanks',
  'Best',
  'Not',
  'No',
  'Yes',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Happy',
  'Let',
  'Please',
  'Worth',
  'Open',
  'Quick',
  'Teams',
  'Companies',
  'Since',
  'After',
  'Before',
  'Then',
  'Now',
  'Today',
  'Here',
  'There',
  'LinkedIn',
  'Twitter',
  'Google',
  'Facebook',
  'Instagram',
  'YouTube',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'Professor',
]);

/**
 * Runs of capitalised words ("Kovac Moulding", "FedNow", "Lumen Telecom's" → "Lumen Telecom"), leaving out
 * words capitalised only by position or convention. What a reader takes as names of customers, places, events.
 */
export function namedEntities(sentence: string): string[] {
  const tokens = sentence.split(/\s+/);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push(run.join(' '));
    run = [];
  };
  for (const raw of tokens) {
    const word = raw.replace(/^[("'“‘[]+|[)"'”’\]:;,.!?…—–-]+$/gu, '').replace(/['’]s$/u, '');
    const capitalised = /^\p{Lu}[\p{L}\p{N}&.'’-]*$/u.test(word) || /^\p{Lu}{2,}\d*$/u.test(word);
    // "I've", "I'm", "We've", "You're": a pronoun, not a name ("We've helped 300+ startups" names no customer).
    const pronoun = /^(?:I|We|You|They|He|She|It)['’]\p{Ll}{1,2}$/u.test(word);
    if (capitalised && !pronoun && !(run.length === 0 && COMMON_CAPITALISED.has(word))) run.push(word);
    else flush();
    if (/[,.;:!?—–)]$/.test(raw) || /['’]s[,.;:!?]?$/.test(raw)) flush();
  }
  flush();
  return out.filter((e) => e.length > 1);
}

/**
 * The sender's own names: the capitalised words of the sign-off below the valediction ("Nathan Cole", "FinLoop"),
 * lower-cased. News or a "result" about these is about the sender, not about the prospect or a customer.
 */
export function senderNames(signOff: string[]): Set<string> {
  return new Set(
    signOff
      .slice(1)
      .flatMap((line) => namedEntities(line))
      .flatMap((e) => [e.toLowerCase(), ...e.toLowerCase().split(/\s+/)])
      .filter((w) => w.length > 2),
  );
}

/** Whether a named entity in this sentence is the sender's own: a sign-off name, or "our $40M Series B". */
export function isOwnEntity(sentence: string, entity: string, sender: Set<string>): boolean {
  // A shared first word makes it ours ("PriceLens benchmark" from "PriceLens Health"); a shared trailing word does
  // not: "Eastbrook Health" is not "PriceLens Health", and "Zenith Group" is not "Acme Group".
  const words = entity.toLowerCase().split(/\s+/);
  if (sender.has(entity.toLowerCase()) || sender.has(words[0]!) || (words.length > 1 && words.every((w) => sender.has(w)))) return true;
  const at = sentence.indexOf(entity);
  return at >= 0 && /\bour\s+(?:[^\s,.;:]+\s+){0,2}$/i.test(sentence.slice(Math.max(0, at - 30), at));
}

export const STOPWORDS = new Set(
  (
    'a an the and or but so if then than that this these those to of in on at for with from by as is are was were be been ' +
    "being it its it’s it's we our us you your yours i me my he she they them their there here what which who whom how when " +
    'where why do does did done have has had will would could should can may might must not no yes just about into over ' +
    'after before up down out more most less very really also only even all any each every some such own same too other ' +
    'am pm hi hey hello dear best thanks regards cheers one'
  ).split(' '),
);

/** Lower-cased words without punctuation, stopwords left out: what repetition and specificity count. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    .map((w) => w.replace(/['’]s$/, ''))
    .filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

/** Items of an enumeration ("a, b, c and d") in one sentence, when it has at least three short items. */
export function listItems(sentence: string): string[] {
  const body = sentence.replace(/\([^)]*\)/g, (m) => m.replace(/,/g, ' '));
  const parts = body
    .split(/,|;|\band\b|\bor\b/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const short = parts.filter((p) => p.split(/\s+/).length <= 6);
  return parts.length >= 3 && short.length >= 3 ? short : [];
}
