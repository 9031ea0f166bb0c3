// What a write will do, in our words, with every value from outside (lead names, companies, notes) quoted,
// cleaned and length-capped. A tool's `confirm` must return a ConfirmationText, so a raw lead field can
// never become the sentence a rep says yes to.
import { cleanText, quoted } from '../core/safe-text.ts';

declare const confirmationTextBrand: unique symbol;
export type ConfirmationText = string & { readonly [confirmationTextBrand]: true };

/** An untrusted value, shown quoted. */
export interface Quoted {
  quote: unknown;
  max?: number;
}

export const q = (value: unknown, max?: number): Quoted => ({ quote: value, max });

/**
 * confirmation`Mark ${q(lead.fullName)} as ${status}`: literal parts are ours; a Quoted value is quoted and
 * cleaned; any other value (enums, numbers) is cleaned. The whole sentence is capped at 300 characters.
 */
export function confirmation(strings: TemplateStringsArray, ...values: (Quoted | string | number)[]): ConfirmationText {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += typeof v === 'object' && v !== null && 'quote' in v ? quoted(v.quote, v.max ?? 80) : cleanText(v, 80);
    out += strings[i + 1]!;
  });
  return cleanText(out, 300) as ConfirmationText;
}

/** Join finished confirmation texts ("… and …"). */
export function joinConfirmations(parts: ConfirmationText[], sep = ' and '): ConfirmationText {
  return cleanText(parts.join(sep), 300) as ConfirmationText;
}
