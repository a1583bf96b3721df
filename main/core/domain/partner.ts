import { z } from 'zod';
import { PartnerNetworkSchema } from './network';

export const PartnerStatusSchema = z.enum(['active', 'suspended']);

/** What a person types when adding or editing a partner. */
export const PartnerInputSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200, 'Name is too long (200 characters at most)'),
  contactEmail: z
    .string()
    .trim()
    .max(320)
    .refine(
      (v) => v === '' || z.email().safeParse(v).success,
      'Enter a valid e-mail address, or leave it empty',
    )
    .default(''),
  notes: z.string().max(5000, 'Notes are too long (5000 characters at most)').default(''),
  status: PartnerStatusSchema.default('active'),
  /** This partner's own proxy bypass, CA certificates and deadline; the profile's apply where absent. */
  network: PartnerNetworkSchema.optional(),
});
export type PartnerInput = z.input<typeof PartnerInputSchema>;

export const PartnerSchema = PartnerInputSchema.extend({
  id: z.string().min(1),
  createdAt: z.number(),
});
export type Partner = z.infer<typeof PartnerSchema>;
