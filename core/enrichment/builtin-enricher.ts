// The enricher that needs no network: it fills what the email address, the name and the title already
// imply, says why in `notes`, and never overwrites a value the lead already has.
import { canonicalCountry, seniorityFromTitle } from '../leads/catalog.ts';
import { companyNameFromDomainLabel } from './company-name.ts';
import { isDisposableDomain } from './disposable-domains.ts';
import { countryCodeFromDomain, isRoleAddress, parseEmail } from './email-address.ts';
import { isFreeMailDomain } from './free-mail-domains.ts';
import { nameFromLocalPart, splitFullName } from './person-name.ts';
import { isEmptyValue, type BuiltinEnrichmentResult, type EnrichableField, type EnrichedFields, type LeadSnapshot } from './types.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Country name for an ISO code: the catalog's spelling when it knows the country, else the standard English name. */
function countryName(code: string): string | undefined {
  return canonicalCountry(code) ?? regionNames.of(code);
}

export function builtinEnrich(lead: LeadSnapshot, opts: { fields?: readonly EnrichableField[] } = {}): BuiltinEnrichmentResult {
  const fields: EnrichedFields = {};
  const confidence: Partial<Record<EnrichableField, number>> = {};
  const notes: string[] = [];
  const wanted = (field: EnrichableField) => (!opts.fields || opts.fields.includes(field)) && isEmptyValue(lead[field]) && fields[field] === undefined;
  const fill = <K extends EnrichableField>(field: K, value: EnrichedFields[K] | undefined, score: number, why?: string) => {
    if (value === undefined || isEmptyValue(value) || !wanted(field)) return false;
    fields[field] = value;
    confidence[field] = score;
    if (why) notes.push(why);
    return true;
  };

  const email = parseEmail(lead.email);
  const flags = {
    freeMail: email ? isFreeMailDomain(email.domain) || isFreeMailDomain(email.registrable) : false,
    disposable: email ? isDisposableDomain(email.domain) || isDisposableDomain(email.registrable) : false,
    roleAddress: email ? isRoleAddress(email.local) : false,
  };

  if (!email) notes.push(`"${lead.email}" is not a readable email address, so nothing was derived from it.`);
  if (email && flags.disposable)
    notes.push(`${email.domain} is a throwaway-address service: this lead is probably not a real prospect, so nothing was derived from the address.`);
  if (email && flags.freeMail) notes.push(`${email.domain} is a personal mail provider, so the address says nothing about the employer.`);
  if (email && flags.roleAddress) notes.push(`${email.local}@ is a shared mailbox, not a person, so no name was derived from it.`);

  const corporate = email && !flags.freeMail && !flags.disposable ? email : undefined;
  if (corporate) {
    const dropped =
      corporate.domain !== corporate.registrable ? ` (without the ${corporate.domain.slice(0, -corporate.registrable.length - 1)} subdomain)` : '';
    fill('companyDomain', corporate.registrable, 0.9, `Company domain ${corporate.registrable} taken from the email address${dropped}.`);
  }
  const knownDomain = !isEmptyValue(lead.companyDomain) ? parseEmail(`x@${lead.companyDomain}`) : corporate;
  if (knownDomain) {
    const name = companyNameFromDomainLabel(knownDomain.label);
    fill('company', name, 0.5, `Company name "${name}" guessed from the domain ${knownDomain.registrable}.`);
  }

  if (!isEmptyValue(lead.fullName)) {
    const parts = splitFullName(lead.fullName!);
    const first = fill('firstName', parts.firstName, 0.8);
    const last = fill('lastName', parts.lastName, 0.8);
    if (first || last) notes.push(`First and last name split from the full name "${lead.fullName}".`);
  } else if (email && !flags.roleAddress && !flags.disposable) {
    const guess = nameFromLocalPart(email.local);
    if (guess) {
      fill('fullName', guess.fullName, 0.6);
      fill('firstName', guess.firstName, 0.6);
      fill('lastName', guess.lastName, 0.6);
      notes.push(`Name read from the address ${email.local}@ (pattern ${guess.pattern}).`);
    } else if (wanted('fullName') || wanted('firstName') || wanted('lastName')) {
      notes.push(`The address ${email.local}@ can be read more than one way, so no name was derived from it.`);
    }
  }

  if (!isEmptyValue(lead.title)) {
    const seniority = seniorityFromTitle(lead.title!);
    fill('seniority', seniority, 0.8, seniority ? `Seniority "${seniority}" read from the title "${lead.title}".` : undefined);
  }

  const countryDomain = knownDomain?.domain ?? (email && !flags.disposable ? email.domain : undefined);
  const code = countryDomain ? countryCodeFromDomain(countryDomain) : undefined;
  if (code && countryDomain) {
    const country = countryName(code);
    const weak = countryDomain === email?.domain && flags.freeMail;
    const tld = countryDomain.split('.').pop();
    fill(
      'country',
      country,
      weak ? 0.4 : 0.6,
      `Country ${country} guessed from the .${tld} domain${weak ? ' of a national mail provider (a weak hint)' : ''}.`,
    );
  }

  return {
    source: 'builtin',
    found: true,
    fields,
    confidence,
    sources: ['builtin'],
    costUsd: 0,
    notes,
    flags,
  };
}
