import type { FieldMessage } from '../domain/field-messages';

export { type FieldMessage, messageArgs } from '../domain/field-messages';

export type FormErrors = {
  /** Per field, i18n keys, or keys with the values they name (`{ key: 'errors.tooShort', params: { min: 5 } }`). */
  fieldErrors?: Record<string, FieldMessage[]>;
  formError?: { key: string; params?: Record<string, string | number> };
};
