import { describe, expect, it } from 'vitest';
import { builtinEnrich } from '../../../core/enrichment/builtin-enricher.ts';
import { companyNameFromDomainLabel, normaliseCompanyName } from '../../../core/enrichment/company-name.ts';
import { parseEmail } from '../../../core/enrichment/email-address.ts';
import { nameFromLocalPart, splitFullName } from '../../../core/enrichment/person-name.ts';
import { DISPOSABLE_DOMAINS } from '../../../core/enrichment/disposable-domains.ts';
import { FREE_MAIL_DOMAINS } from '../../../core/enrichment/free-mail-domains.ts';

describe('builtinEnrich on corporate addresses', () => {
  it('derives domain, company and name from jane.doe@acme-robotics.io', () => {
    const r = builtinEnrich({ email: 'jane.doe@acme-robotics.io' });
    expect(r).toMatchObject({ source: 'builtin', costUsd: 0, found: true });
    expect(r.fields).toEqual({
      companyDomain: 'acme-robotics.io',
      company: 'Acme Robotics',
      fullName: 'Jane Doe',
      firstName: 'Jane',
      lastName: 'Doe',
    });
    expect(r.flags).toEqual({ freeMail: false, disposable: false, roleAddress: false });
  });

  it('does not read a country from vanity TLDs such as .io', () => {
    expect(builtinEnrich({ email: 'jane.doe@acme-robotics.io' }).fields.country).toBeUndefined();
  });

  it.each([
    ['j.doe@mail.acme.co.uk', 'acme.co.uk', 'Acme', 'United Kingdom'],
    ['anna.schmidt@vertrieb.mueller-maschinen.de', 'mueller-maschinen.de', 'Mueller Maschinen', 'Germany'],
    ['luc.martin@eu.octave.fr', 'octave.fr', 'Octave', 'France'],
    ['kim.lee@sales.hanbit.co.kr', 'hanbit.co.kr', 'Hanbit', 'South Korea'],
    ['sam.reed@outback-data.com.au', 'outback-data.com.au', 'Outback Data', 'Australia'],
    ['petr.novak@brno-soft.cz', 'brno-soft.cz', 'Brno Soft', 'Czechia'],
  ])('%s -> domain %s, company %s, country %s', (email, domain, company, country) => {
    const { fields } = builtinEnrich({ email });
    expect(fields).toMatchObject({ companyDomain: domain, company, country });
  });

  it('explains in notes why each value was derived', () => {
    const { notes } = builtinEnrich({ email: 'j.doe@mail.acme.co.uk' });
    expect(notes).toContain('Company domain acme.co.uk taken from the email address (without the mail subdomain).');
    expect(notes).toContain('Country United Kingdom guessed from the .uk domain.');
  });
});

describe('builtinEnrich on names', () => {
  it.each([
    ['jane.doe@acme.com', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ['jane_doe@acme.com', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ['jane-doe@acme.com', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ['JANE.DOE@ACME.COM', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ['jane.m.doe@acme.com', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ['jane.doe+crm@acme.com', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ['jane.doe84@acme.com', { fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
    ["mary-jane.o'brien@acme.com", { fullName: "Mary-Jane O'Brien", firstName: 'Mary-Jane', lastName: "O'Brien" }],
    ['j.doe@acme.com', { lastName: 'Doe' }],
  ])('reads %s', (email, expected) => {
    const { fields } = builtinEnrich({ email });
    // toEqual treats an undefined property as absent, so j.doe@ must yield no first or full name.
    expect({ fullName: fields.fullName, firstName: fields.firstName, lastName: fields.lastName }).toEqual(expected);
  });

  it.each(['jdoe@acme.com', 'jane@acme.com', 'janedoe@acme.com', 'jane.2.doe@acme.com', 'x.y@acme.com', 'j.d.x.y@acme.com'])(
    'derives no name from the ambiguous %s and says so',
    (email) => {
      const r = builtinEnrich({ email });
      expect(r.fields.fullName ?? r.fields.firstName ?? r.fields.lastName).toBeUndefined();
      expect(r.notes.some((n) => n.includes('can be read more than one way'))).toBe(true);
    },
  );

  it('splits an existing full name instead of guessing from the address', () => {
    const r = builtinEnrich({ email: 'jd@acme.com', fullName: 'Dr. Ludwig van Beethoven III' });
    expect(r.fields).toMatchObject({ firstName: 'Ludwig', lastName: 'van Beethoven' });
    expect(r.fields.fullName).toBeUndefined();
  });
});

describe('builtinEnrich on free-mail, disposable and role addresses', () => {
  it('does not take a company from a free-mail domain but still reads the name', () => {
    const r = builtinEnrich({ email: 'max.mustermann@gmail.com' });
    expect(r.flags.freeMail).toBe(true);
    expect(r.fields.companyDomain).toBeUndefined();
    expect(r.fields.company).toBeUndefined();
    expect(r.fields.fullName).toBe('Max Mustermann');
  });

  it('treats a national free-mail provider as a weak country hint', () => {
    const r = builtinEnrich({ email: 'max.mustermann@web.de' });
    expect(r.fields.country).toBe('Germany');
    expect(r.confidence?.country).toBe(0.4);
  });

  it('flags a disposable address and derives nothing from it', () => {
    const r = builtinEnrich({ email: 'jane.doe@mailinator.com' });
    expect(r.flags).toEqual({ freeMail: false, disposable: true, roleAddress: false });
    expect(r.fields).toEqual({});
    expect(r.notes[0]).toContain('throwaway-address service');
  });

  it.each(['info@acme.de', 'sales@acme.de', 'support+eu@acme.de', 'no-reply@acme.de', 'customer.service@acme.de'])(
    'flags %s as a shared mailbox and derives no name, but still the company',
    (email) => {
      const r = builtinEnrich({ email });
      expect(r.flags.roleAddress).toBe(true);
      expect(r.fields.fullName).toBeUndefined();
      expect(r.fields.company).toBe('Acme');
    },
  );

  it('notes an address it cannot read and derives nothing from it', () => {
    const r = builtinEnrich({ email: 'nobody' });
    expect(r.fields).toEqual({});
    expect(r.notes).toEqual(['"nobody" is not a readable email address, so nothing was derived from it.']);
  });
});

describe('builtinEnrich never overwrites', () => {
  it('keeps every value the lead already has', () => {
    const lead = {
      email: 'jane.doe@acme.de',
      fullName: 'Jane Doe',
      firstName: 'Janie',
      lastName: 'Doe-Smith',
      company: 'ACME Holding GmbH',
      companyDomain: 'acme-holding.com',
      country: 'Austria',
      seniority: 'vp' as const,
      title: 'CEO',
    };
    expect(builtinEnrich(lead).fields).toEqual({});
  });

  it('takes the company name from the known company domain rather than the email', () => {
    const r = builtinEnrich({ email: 'jane@eu-mail.example.org', companyDomain: 'acme-robotics.de' });
    expect(r.fields.company).toBe('Acme Robotics');
    expect(r.fields.country).toBe('Germany');
    expect(r.fields.companyDomain).toBeUndefined();
  });

  it('fills only the requested fields', () => {
    const r = builtinEnrich({ email: 'jane.doe@acme.de', title: 'Head of Sales' }, { fields: ['seniority', 'country'] });
    expect(r.fields).toEqual({ seniority: 'director', country: 'Germany' });
  });

  it('treats empty strings and empty arrays as missing', () => {
    const r = builtinEnrich({ email: 'jane.doe@acme.de', company: '', fullName: '  ', techStack: [] });
    expect(r.fields.company).toBe('Acme');
    expect(r.fields.fullName).toBe('Jane Doe');
  });
});

describe('builtinEnrich seniority', () => {
  it.each([
    ['Chief Technology Officer', 'c_level'],
    ['VP Engineering', 'vp'],
    ['Head of Sales', 'director'],
  ])('reads %s as %s', (title, seniority) => {
    expect(builtinEnrich({ email: 'a@b.com', title }).fields.seniority).toBe(seniority);
  });
});

describe('email, name and company helpers', () => {
  it('drops subdomains but keeps two-part public suffixes', () => {
    expect(parseEmail('a@mail.acme.co.uk')).toMatchObject({ registrable: 'acme.co.uk', label: 'acme', suffix: 'co.uk' });
    expect(parseEmail('a@x.y.acme.com')).toMatchObject({ registrable: 'acme.com', label: 'acme' });
    expect(parseEmail('a@acme')).toBeUndefined();
  });

  it('splits "Last, First" full names', () => {
    expect(splitFullName('Doe, Jane')).toEqual({ firstName: 'Jane', lastName: 'Doe' });
    expect(splitFullName('Jane Doe, PhD')).toEqual({ firstName: 'Jane', lastName: 'Doe' });
    expect(splitFullName('Cher')).toEqual({ firstName: 'Cher' });
  });

  it('reads no name from local parts with digits inside', () => {
    expect(nameFromLocalPart('jane2.doe')).toBeUndefined();
  });

  it.each([
    ['Acme Robotics, Inc.', 'Acme Robotics'],
    ['Müller GmbH & Co. KG', 'Müller'],
    ['Northwind Pty Ltd', 'Northwind'],
    ['Globex Corporation', 'Globex'],
    ['Initech S.A.', 'Initech'],
    ['Hooli Ltd.', 'Hooli'],
    ['The Company', 'The Company'],
  ])('normalises %s to %s', (name, expected) => {
    expect(normaliseCompanyName(name)).toBe(expected);
  });

  it('makes a readable company name from a domain label', () => {
    expect(companyNameFromDomainLabel('acme-robotics')).toBe('Acme Robotics');
    expect(companyNameFromDomainLabel('hp')).toBe('HP');
    expect(companyNameFromDomainLabel('123')).toBeUndefined();
  });

  it('vendors about 100 free-mail and 150 disposable domains, with no overlap', () => {
    expect(FREE_MAIL_DOMAINS.size).toBeGreaterThanOrEqual(100);
    expect(DISPOSABLE_DOMAINS.size).toBeGreaterThanOrEqual(150);
    expect([...FREE_MAIL_DOMAINS].filter((d) => DISPOSABLE_DOMAINS.has(d))).toEqual([]);
  });
});
