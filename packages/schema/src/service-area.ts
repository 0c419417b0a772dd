import { z } from 'zod';

export const ServiceArea = z
  .enum([
    'early-help',
    'early-years',
    'children-centres',
    'youth-justice',
    'youth-services',
    'education',
    'careers-guidance',
    'leaving-care',
    'safeguarding',
    'children-in-care',
    'mental-health',
    'send',
    'neet',
    'family-support',
    'commissioning',
    'workforce',
  ])
  .describe('A children’s-services area the case study touches.');
export type ServiceArea = z.infer<typeof ServiceArea>;

export const SERVICE_AREA_LABELS: Record<ServiceArea, string> = {
  'early-help': 'Early help',
  'early-years': 'Early years',
  'children-centres': "Children's centres",
  'youth-justice': 'Youth justice',
  'youth-services': 'Youth services',
  education: 'Education',
  'careers-guidance': 'Careers guidance',
  'leaving-care': 'Leaving care',
  safeguarding: 'Safeguarding',
  'children-in-care': 'Children in care',
  'mental-health': 'Mental health',
  send: 'Special educational needs and disabilities (SEND)',
  neet: 'Not in education, employment or training (NEET)',
  'family-support': 'Family support',
  commissioning: 'Commissioning',
  workforce: 'Workforce',
};
