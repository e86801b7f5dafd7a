// The form of a customs office: names in English and Russian, kind, coordinates. Used to add and to edit.
import { Form, Link } from 'react-router';
import { CUSTOMS_OFFICE_KINDS } from '../domain/enums';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { Button, Card, FormError, SelectField, TextField, buttonClass } from './ui';

export type OfficeFormValues = { nameEn?: string; nameRu?: string; kind?: string; latitude?: string | number; longitude?: string | number };

export function OfficeForm({
  mode,
  officeId,
  title,
  values,
  errors,
  cancelTo,
}: {
  mode: 'create' | 'update';
  officeId?: string;
  title: string;
  values: OfficeFormValues;
  errors?: FormErrors;
  cancelTo?: string;
}) {
  const t = useT();
  const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const headingId = `office-form-${mode}`;
  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-4 text-lg font-semibold text-brand-900">
        {title}
      </h2>
      <Form method="post" noValidate className="space-y-5">
        <input type="hidden" name="intent" value={mode} />
        {officeId ? <input type="hidden" name="officeId" value={officeId} /> : null}
        <FormError errors={errors} />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="nameEn" label={t('offices.field.nameEn')} defaultValue={str(values.nameEn)} errors={errors} required maxLength={200} lang="en" />
          <TextField name="nameRu" label={t('offices.field.nameRu')} defaultValue={str(values.nameRu)} errors={errors} required maxLength={200} lang="ru" />
        </div>
        <SelectField
          name="kind"
          label={t('offices.field.kind')}
          defaultValue={str(values.kind) || 'ROAD_BORDER_CROSSING'}
          options={CUSTOMS_OFFICE_KINDS.map((k) => ({ value: k, label: t(`offices.kind.${k}`) }))}
          errors={errors}
          required
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            name="latitude"
            label={t('offices.field.latitude')}
            hint={t('offices.field.latitudeHint')}
            defaultValue={str(values.latitude)}
            errors={errors}
            inputMode="decimal"
            autoComplete="off"
            required
          />
          <TextField
            name="longitude"
            label={t('offices.field.longitude')}
            hint={t('offices.field.longitudeHint')}
            defaultValue={str(values.longitude)}
            errors={errors}
            inputMode="decimal"
            autoComplete="off"
            required
          />
        </div>
        <div className="flex flex-wrap gap-3">
          <Button>{mode === 'create' ? t('offices.create') : t('offices.save')}</Button>
          {cancelTo ? (
            <Link to={cancelTo} className={buttonClass('ghost')}>
              {t('offices.cancel')}
            </Link>
          ) : null}
        </div>
      </Form>
    </Card>
  );
}
