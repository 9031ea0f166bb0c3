// The fields of a lead that can be written (create, import, enrichment, updateLead), validated once.
import { z } from 'zod';
import { LEAD_STATUSES, SENIORITIES } from './filter.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const leadInputSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'is not a valid email address' })),
  fullName: text(200),
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  title: text(200).optional(),
  seniority: z.enum(SENIORITIES).optional(),
  company: text(200).optional(),
  companyDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'is not a domain name like acme.io' })
    .optional(),
  industry: text(60).optional(),
  companySize: z.number().int().min(1).max(5_000_000).optional(),
  country: text(60).optional(),
  city: text(100).optional(),
  techStack: z.array(text(60)).max(50).optional(),
  linkedinUrl: z
    .string()
    .trim()
    .regex(/^https?:\/\/([a-z]{2,3}\.)?linkedin\.com\/.+/i, { message: 'is not a LinkedIn URL' })
    .optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  score: z.number().int().min(0).max(100).optional(),
  ownerId: z.uuid().nullable().optional(),
  source: text(40).optional(),
});

export type LeadInput = z.infer<typeof leadInputSchema>;
