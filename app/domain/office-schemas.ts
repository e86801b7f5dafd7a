// Input schemas for customs offices and an administration's deadlines for issues, shared by forms, domain functions
// and GraphQL. Messages are i18n keys.
import { z } from 'zod';
import { CUSTOMS_OFFICE_KINDS } from './enums';

export { CUSTOMS_OFFICE_KINDS };

/** Limits of the deadline settings (working days to acknowledge, calendar days to respond). */
export const ACKNOWLEDGE_WORKING_DAYS_RANGE = { min: 1, max: 30 } as const;
export const RESPOND_DAYS_RANGE = { min: 1, max: 180 } as const;

const id = z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(64, 'errors.invalid');
const name = z.string({ error: 'errors.required' }).trim().min(2, 'errors.tooShort').max(200, 'errors.tooLong');
const latitude = z
  .number({ error: 'errors.office.latitude' })
  .finite('errors.office.latitude')
  .min(-90, 'errors.office.latitude')
  .max(90, 'errors.office.latitude');
const longitude = z
  .number({ error: 'errors.office.longitude' })
  .finite('errors.office.longitude')
  .min(-180, 'errors.office.longitude')
  .max(180, 'errors.office.longitude');

const officeFields = {
  nameEn: name,
  nameRu: name,
  kind: z.enum(CUSTOMS_OFFICE_KINDS, { error: 'errors.choose' }),
  latitude,
  longitude,
};

export const CreateOfficeSchema = z.object({ administrationId: id, ...officeFields });
export const UpdateOfficeSchema = z.object({ officeId: id, ...officeFields });
export const ArchiveOfficeSchema = z.object({ officeId: id });

export const AdministrationDeadlinesSchema = z.object({
  organizationId: id,
  acknowledgeWorkingDays: z
    .number({ error: 'errors.office.acknowledgeDays' })
    .int('errors.office.acknowledgeDays')
    .min(ACKNOWLEDGE_WORKING_DAYS_RANGE.min, 'errors.office.acknowledgeDays')
    .max(ACKNOWLEDGE_WORKING_DAYS_RANGE.max, 'errors.office.acknowledgeDays'),
  respondDays: z
    .number({ error: 'errors.office.respondDays' })
    .int('errors.office.respondDays')
    .min(RESPOND_DAYS_RANGE.min, 'errors.office.respondDays')
    .max(RESPOND_DAYS_RANGE.max, 'errors.office.respondDays'),
});

export type CreateOfficeInput = z.infer<typeof CreateOfficeSchema>;
export type UpdateOfficeInput = z.infer<typeof UpdateOfficeSchema>;
