import { describe, expect, it } from 'vitest';
import {
  catalogKey,
  COUNTRIES,
  INDUSTRIES,
  INDUSTRY_ALIASES,
  TECHNOLOGIES,
  TITLE_ABBREVIATIONS,
  canonicalCity,
  canonicalCountry,
  canonicalIndustry,
  canonicalTech,
  seniorityFromTitle,
} from '../../../core/leads/catalog.ts';
import { SENIORITIES } from '../../../core/leads/filter.ts';

describe('catalog data', () => {
  it('has about twenty industries, twenty-five countries and sixty technologies, all unique', () => {
    expect(INDUSTRIES.length).toBeGreaterThanOrEqual(20);
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(25);
    expect(TECHNOLOGIES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(INDUSTRIES).size).toBe(INDUSTRIES.length);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    expect(new Set(TECHNOLOGIES).size).toBe(TECHNOLOGIES.length);
  });

  it('gives every country at least one city and no city to two countries', () => {
    const cities = COUNTRIES.flatMap((c) => c.cities);
    expect(COUNTRIES.every((c) => c.cities.length >= 1)).toBe(true);
    expect(new Set(cities).size).toBe(cities.length);
  });

  it('points every industry alias at a canonical industry', () => {
    for (const target of Object.values(INDUSTRY_ALIASES)) expect(INDUSTRIES).toContain(target);
  });

  it('maps every canonical value to itself', () => {
    for (const i of INDUSTRIES) expect(canonicalIndustry(i)).toBe(i);
    for (const t of TECHNOLOGIES) expect(canonicalTech(t)).toBe(t);
    for (const c of COUNTRIES) {
      expect(canonicalCountry(c.name)).toBe(c.name);
      for (const city of c.cities) expect(canonicalCity(city)).toEqual({ city, country: c.name });
    }
  });
});

describe('canonicalIndustry', () => {
  it('ignores case, spacing, punctuation and plurals', () => {
    expect(canonicalIndustry('fintech')).toBe('Fintech');
    expect(canonicalIndustry('  FIN-TECH ')).toBe('Fintech');
    expect(canonicalIndustry('fintechs')).toBe('Fintech');
    expect(canonicalIndustry('ecommerce')).toBe('E-commerce');
    expect(canonicalIndustry('real-estate')).toBe('Real Estate');
  });

  it('resolves aliases, with "&" and "and" alike', () => {
    expect(canonicalIndustry('Financial Technology')).toBe('Fintech');
    expect(canonicalIndustry('health care')).toBe('Healthcare');
    expect(canonicalIndustry('Media and Entertainment')).toBe('Media');
    expect(canonicalIndustry('Biotechnology')).toBe('Biotech');
  });

  it('returns undefined for an unknown industry or empty text', () => {
    expect(canonicalIndustry('Underwater basket weaving')).toBeUndefined();
    expect(canonicalIndustry('  ')).toBeUndefined();
  });
});

describe('canonicalCountry', () => {
  it('accepts ISO codes, local names and common aliases', () => {
    expect(canonicalCountry('DE')).toBe('Germany');
    expect(canonicalCountry('deutschland')).toBe('Germany');
    expect(canonicalCountry('germany')).toBe('Germany');
    expect(canonicalCountry('USA')).toBe('United States');
    expect(canonicalCountry('U.S.')).toBe('United States');
    expect(canonicalCountry('United States of America')).toBe('United States');
    expect(canonicalCountry('UK')).toBe('United Kingdom');
    expect(canonicalCountry('England')).toBe('United Kingdom');
    expect(canonicalCountry('Österreich')).toBe('Austria');
  });

  it('returns undefined for an unknown country', () => {
    expect(canonicalCountry('Atlantis')).toBeUndefined();
    expect(canonicalCountry('DACH')).toBeUndefined();
  });
});

describe('canonicalCity', () => {
  it('finds the city and its country, with local spellings and accents optional', () => {
    expect(canonicalCity('berlin')).toEqual({ city: 'Berlin', country: 'Germany' });
    expect(canonicalCity('München')).toEqual({ city: 'Munich', country: 'Germany' });
    expect(canonicalCity('NYC')).toEqual({ city: 'New York', country: 'United States' });
    expect(canonicalCity('Sao Paulo')).toEqual({ city: 'São Paulo', country: 'Brazil' });
    expect(canonicalCity('Lodz')).toEqual({ city: 'Łódź', country: 'Poland' });
  });

  it('returns undefined for an unknown city', () => {
    expect(canonicalCity('Springfield')).toBeUndefined();
  });
});

describe('canonicalTech', () => {
  it('normalises spelling and resolves aliases', () => {
    expect(canonicalTech('hubspot')).toBe('HubSpot');
    expect(canonicalTech('Hub Spot')).toBe('HubSpot');
    expect(canonicalTech('k8s')).toBe('Kubernetes');
    expect(canonicalTech('GCP')).toBe('Google Cloud');
    expect(canonicalTech('nodejs')).toBe('Node.js');
    expect(canonicalTech('Amazon Web Services')).toBe('AWS');
  });

  it('returns undefined for an unknown technology', () => {
    expect(canonicalTech('FooBarDB')).toBeUndefined();
  });
});

describe('seniorityFromTitle', () => {
  it.each([
    ['CTO', 'c_level'],
    ['Chief Revenue Officer', 'c_level'],
    ['Co-Founder & CEO', 'c_level'],
    ['Founder', 'c_level'],
    ['Managing Director', 'c_level'],
    ['VP Engineering', 'vp'],
    ['Senior Vice President, Sales', 'vp'],
    ['Vice President of Marketing', 'vp'],
    ['Head of Growth', 'director'],
    ['Director of Operations', 'director'],
    ['Engineering Manager', 'manager'],
    ['Customer Success Manager', 'manager'],
    ['Team Lead, Data', 'manager'],
    ['Senior Software Engineer', 'senior'],
    ['Sr. Account Executive', 'senior'],
    ['Account Executive', 'entry'],
    ['Marketing Coordinator', 'entry'],
    ['Product Owner', 'entry'],
    ['Constructor', 'entry'],
  ])('%s is %s', (title, seniority) => {
    expect(seniorityFromTitle(title)).toBe(seniority);
  });

  it('returns undefined for an empty title', () => {
    expect(seniorityFromTitle('   ')).toBeUndefined();
  });
});

describe('TITLE_ABBREVIATIONS', () => {
  it('expands lower-case abbreviations to titles whose seniority matches the abbreviation', () => {
    expect(TITLE_ABBREVIATIONS.cto).toBe('Chief Technology Officer');
    for (const [abbr, title] of Object.entries(TITLE_ABBREVIATIONS)) {
      expect(abbr).toBe(abbr.toLowerCase());
      expect(SENIORITIES).toContain(seniorityFromTitle(title));
      expect(seniorityFromTitle(abbr.toUpperCase())).toBe(seniorityFromTitle(title));
    }
  });
});

describe('catalogKey, remembered', () => {
  it('gives the same key for a string however often it is asked, ASCII or not', () => {
    for (let round = 0; round < 3; round++) {
      expect(catalogKey('Łódź')).toBe('lodz');
      expect(catalogKey('Ærø & Søn GmbH')).toBe('aeroandsongmbh');
      expect(catalogKey('Straße')).toBe('strasse');
      expect(catalogKey('São Paulo')).toBe('saopaulo');
      expect(catalogKey('AT&T Inc.')).toBe('atandtinc');
      expect(catalogKey('  Fin-Tech  ')).toBe('fintech');
    }
  });
});
