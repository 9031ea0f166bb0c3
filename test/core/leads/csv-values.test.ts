import { describe, expect, it } from 'vitest';
import { columnForHeader, mapHeaders } from '../../../core/leads/csv-headers.ts';
import { detectDelimiter } from '../../../core/leads/csv-read.ts';
import {
  parseCompanySize,
  parseDomain,
  parseFullName,
  parseLinkedin,
  parseLocation,
  parseScore,
  parseSeniority,
  parseStatus,
  parseTech,
} from '../../../core/leads/csv-values.ts';

describe('columnForHeader', () => {
  it.each([
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['work email', 'email'],
    ['Full Name', 'fullName'],
    ['Contact', 'fullName'],
    ['first_name', 'firstName'],
    ['Position', 'title'],
    ['Organization', 'company'],
    ['Account', 'company'],
    ['Company Domain', 'companyDomain'],
    ['Sector', 'industry'],
    ['# Employees', 'companySize'],
    ['Headcount', 'companySize'],
    ['Location', 'location'],
    ['Tech Stack', 'techStack'],
    ['LinkedIn URL', 'linkedinUrl'],
    ['Lead Score', 'score'],
    ['SENIORITY', 'seniority'],
  ])('maps "%s" to %s', (header, column) => {
    expect(columnForHeader(header)).toBe(column);
  });

  it('maps nothing for an unknown header', () => {
    expect(columnForHeader('Favourite Colour')).toBeUndefined();
  });
});

describe('mapHeaders', () => {
  it('keeps every column of a field in order and lists unknown headers once', () => {
    const map = mapHeaders(['Work Email', 'Name', 'Email', 'Notes', '', 'Owner']);
    expect(map.indexes.get('email')).toEqual([0, 2]);
    expect(map.names.get('email')).toBe('Work Email');
    expect(map.ignored).toEqual(['Notes', 'Owner']);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that separates the header, ignoring quoted text', () => {
    expect(detectDelimiter('Email,Name,Company')).toBe(',');
    expect(detectDelimiter('Email;Name;"Company, Inc"')).toBe(';');
    expect(detectDelimiter('Email\tName')).toBe('\t');
    expect(detectDelimiter('Email')).toBe(',');
  });
});

describe('parseCompanySize', () => {
  it.each([
    ['250', 250],
    ['1,200', 1200],
    ['1.200', 1200],
    ['1 200', 1200],
    ['51-200', 51],
    ['51 – 200', 51],
    ['10,001+', 10001],
    ['5000+', 5000],
    ['1.5k', 1500],
    ['200 employees', 200],
  ])('reads "%s" as %d', (text, n) => {
    expect(parseCompanySize(text)).toBe(n);
  });

  it('reports text that is not a size, and zero', () => {
    expect(parseCompanySize('lots')).toEqual({ problem: 'is not a number of employees like 250, 1,200 or 51-200' });
    expect(parseCompanySize('0')).toEqual({ problem: 'must be at least 1 employee' });
  });
});

describe('parseScore', () => {
  it('reads whole, decimal and percent scores and rejects out-of-range ones', () => {
    expect(parseScore('85')).toBe(85);
    expect(parseScore('85.4')).toBe(85);
    expect(parseScore('85%')).toBe(85);
    expect(parseScore('101')).toEqual({ problem: 'is not a score from 0 to 100' });
    expect(parseScore('high')).toEqual({ problem: 'is not a score from 0 to 100' });
  });
});

describe('parseStatus and parseSeniority', () => {
  it('accept canonical values in any case and common CRM words', () => {
    expect(parseStatus('Contacted')).toBe('contacted');
    expect(parseStatus('Closed Won')).toBe('customer');
    expect(parseStatus('lost')).toBe('disqualified');
    expect(parseSeniority('C-Level')).toBe('c_level');
    expect(parseSeniority('VP')).toBe('vp');
    expect(parseSeniority('Entry level')).toBe('entry');
  });

  it('name the allowed values when the text is unknown', () => {
    expect(parseStatus('maybe')).toEqual({ problem: 'is not a lead status (new, contacted, replied, qualified, disqualified, customer)' });
    expect(parseSeniority('wizard')).toEqual({ problem: 'is not a seniority (c_level, vp, director, manager, senior, entry)' });
  });
});

describe('parseDomain and parseLinkedin', () => {
  it('strip scheme, www, port, path and query from a website', () => {
    expect(parseDomain('https://www.Acme.io/about?x=1')).toBe('acme.io');
    expect(parseDomain('acme.co.uk')).toBe('acme.co.uk');
    expect(parseDomain('http://shop.acme.io:8080')).toBe('shop.acme.io');
    expect(parseDomain('info@acme.io')).toBe('acme.io');
  });

  it('adds the scheme to a bare LinkedIn link and leaves other text alone', () => {
    expect(parseLinkedin('linkedin.com/in/jane')).toBe('https://linkedin.com/in/jane');
    expect(parseLinkedin('www.linkedin.com/in/jane')).toBe('https://www.linkedin.com/in/jane');
    expect(parseLinkedin('https://linkedin.com/in/jane')).toBe('https://linkedin.com/in/jane');
    expect(parseLinkedin('jane')).toBe('jane');
  });
});

describe('parseTech', () => {
  it('splits on , ; | and /, canonicalises known names, keeps unknown ones and drops repeats', () => {
    expect(parseTech('hubspot; k8s | AWS / Amazon Web Services, Unity,')).toEqual(['HubSpot', 'Kubernetes', 'AWS', 'Unity']);
  });
});

describe('parseLocation', () => {
  it('reads city and country from "City, Country" and fills the country of a known city', () => {
    expect(parseLocation('Berlin, Germany')).toEqual({ city: 'Berlin', country: 'Germany' });
    expect(parseLocation('Austin, TX, USA')).toEqual({ city: 'Austin', country: 'United States' });
    expect(parseLocation('munich')).toEqual({ city: 'Munich', country: 'Germany' });
    expect(parseLocation('Springfield, IL, USA')).toEqual({ city: 'Springfield', country: 'United States' });
    expect(parseLocation('Deutschland')).toEqual({ country: 'Germany' });
  });
});

describe('parseFullName', () => {
  it('splits first and last name and turns "Doe, Jane" around', () => {
    expect(parseFullName('Jane  van der Berg')).toEqual({ fullName: 'Jane van der Berg', firstName: 'Jane', lastName: 'van der Berg' });
    expect(parseFullName('Doe, Jane')).toEqual({ fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' });
    expect(parseFullName('Cher')).toEqual({ fullName: 'Cher' });
  });
});
