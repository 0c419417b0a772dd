import { z } from 'zod';

export const DeliveryModel = z
  .enum(['in-house', 'outsourced', 'integrated', 'combined', 'partnership', 'volunteer-led'])
  .describe(
    'How the service is delivered: in-house by the council; outsourced to a provider; integrated (several services merged into one); combined (shared between councils); partnership (several agencies); volunteer-led.',
  );
export type DeliveryModel = z.infer<typeof DeliveryModel>;

export const DELIVERY_MODEL_LABELS: Record<DeliveryModel, string> = {
  'in-house': 'In-house',
  outsourced: 'Outsourced',
  integrated: 'Integrated',
  combined: 'Combined (shared between councils)',
  partnership: 'Partnership',
  'volunteer-led': 'Volunteer-led',
};
