// The field for a second-factor code wherever one is asked for to prove who is there (signing in, turning the second
// factor off): a code from the authenticator app or a recovery code, so room for either and no spelling help.
import type { ReactNode } from 'react';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { TextField } from './ui';

export function TwoFactorCodeField({ errors, hint, autoFocus }: { errors?: FormErrors; hint?: ReactNode; autoFocus?: boolean }) {
  const t = useT();
  return (
    <TextField
      name="code"
      label={t('field.twoFactorCode')}
      hint={hint}
      autoComplete="one-time-code"
      autoCapitalize="none"
      spellCheck={false}
      maxLength={24}
      errors={errors}
      required
      autoFocus={autoFocus}
    />
  );
}
