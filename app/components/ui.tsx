// Small UI building blocks: accessible by construction (labels, descriptions, errors wired with aria).
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type FieldMessage, type FormErrors, messageArgs } from '../web/forms';
import { useT } from '../web/i18n';

const cx = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(' ');

export function PageHeader({ title, lead, actions }: { title: ReactNode; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-brand-900 sm:text-3xl">{title}</h1>
        {lead ? <p className="mt-2 max-w-2xl text-base text-slate-600">{lead}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-3">{actions}</div> : null}
    </div>
  );
}

export function Card({
  children,
  className,
  as: As = 'section',
  ...rest
}: {
  children: ReactNode;
  className?: string;
  as?: 'section' | 'div' | 'article';
  'aria-labelledby'?: string;
}) {
  return (
    <As className={cx('rounded-xl border border-slate-200 bg-white p-6 shadow-sm', className)} {...rest}>
      {children}
    </As>
  );
}

type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
const buttonStyles: Record<ButtonVariant, string> = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800 border-transparent',
  secondary: 'bg-white text-brand-800 border-slate-300 hover:bg-slate-50',
  danger: 'bg-white text-red-800 border-red-300 hover:bg-red-50',
  ghost: 'bg-transparent text-brand-800 border-transparent hover:bg-brand-50',
};
export const buttonClass = (variant: ButtonVariant = 'primary', extra?: string) =>
  cx(
    'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border px-4 py-2 text-sm font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60',
    buttonStyles[variant],
    extra,
  );

export function Button({ variant = 'primary', className, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type="submit" className={buttonClass(variant, className)} {...props} />;
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'success' | 'warning' | 'info' | 'danger'; children: ReactNode }) {
  const tones = {
    danger: 'bg-red-50 text-red-800 ring-red-300',
    neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
    success: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
    warning: 'bg-amber-50 text-amber-900 ring-amber-300',
    info: 'bg-brand-50 text-brand-800 ring-brand-200',
  };
  return <span className={cx('inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone])}>{children}</span>;
}

export function Alert({ tone = 'error', children, id }: { tone?: 'error' | 'success' | 'info'; children: ReactNode; id?: string }) {
  const tones = {
    error: 'border-red-300 bg-red-50 text-red-900',
    success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
    info: 'border-brand-200 bg-brand-50 text-brand-900',
  };
  return (
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className={cx('rounded-lg border px-4 py-3 text-sm', tones[tone])}>
      {children}
    </div>
  );
}

/** The id of a field's control while it has an error, so the error summary can link to it. */
export const fieldAnchor = (name: string) => `field-${name}`;

/**
 * The error summary at the top of a failed form: the form-level message (role="alert", so it is announced), then
 * each field's error as a link to the field, named by the field's label ("Name: At least 2 characters"). It takes
 * focus whenever a submission fails, so keyboard and screen reader users start from it. The list is built in the
 * browser once the fields' labels can be read; without JavaScript the message and the errors beside the fields remain.
 * `labels` names fields explicitly where the label cannot be found from the control.
 */
export function FormError({ errors, labels }: { errors?: FormErrors; labels?: Record<string, string> }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [fields, setFields] = useState<{ name: string; label: string; text: string }[]>([]);
  // Read at the time of a new result only: focus moves when `errors` changes, never on a mere re-render.
  const latest = useRef({ t, labels });
  latest.current = { t, labels };
  const targetOf = (name: string): HTMLElement | null =>
    document.getElementById(fieldAnchor(name)) ??
    (ref.current?.closest('form') ?? document).querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not([type=hidden])`);
  useEffect(() => {
    if (!errors?.formError && !errors?.fieldErrors) {
      setFields([]);
      return;
    }
    ref.current?.focus();
    const { t, labels } = latest.current;
    const next: typeof fields = [];
    for (const [name, messages] of Object.entries(errors.fieldErrors ?? {})) {
      if (name === '_form' || !messages.length) continue;
      const target = targetOf(name);
      // A group of checkboxes or radio buttons is named by its legend, a single control by its label.
      const legend = target?.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
      const label = labels?.[name] ?? legend ?? ((target as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() || undefined);
      // Without a control to go to and a name to call it by, the alert and the message beside the field say enough.
      if (!target || !label) continue;
      next.push({ name, label, text: messages.map((m) => t(...messageArgs(m))).join(' ') });
    }
    setFields(next);
  }, [errors]);
  if (!errors?.formError && !errors?.fieldErrors) return null;
  const message = errors.formError ? t(errors.formError.key, errors.formError.params) : t('errors.validation');
  return (
    <div ref={ref} tabIndex={-1} data-testid="error-summary" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p role="alert" className="font-semibold">
        {message}
      </p>
      {fields.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {fields.map(({ name, label, text }) => (
            <li key={name}>
              <a
                href={`#${fieldAnchor(name)}`}
                className="font-medium underline underline-offset-2"
                onClick={(event) => {
                  const target = targetOf(name);
                  if (!target) return;
                  event.preventDefault();
                  target.scrollIntoView({ block: 'center' });
                  target.focus();
                }}
              >
                {t('errors.summary.field', { label, message: text })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FormErrors;
  className?: string;
};

function useFieldIds(name: string, errors?: FormErrors, hint?: ReactNode) {
  const id = useId();
  const messages = errors?.fieldErrors?.[name] ?? [];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  // While it has an error the control takes a predictable id: the error summary links to it.
  return {
    inputId: messages.length ? fieldAnchor(name) : `${id}-input`,
    hintId,
    errorId,
    messages,
    describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
}

function FieldMessages({ hint, hintId, errorId, messages }: { hint?: ReactNode; hintId?: string; errorId?: string; messages: FieldMessage[] }) {
  const t = useT();
  return (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {messages.length ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {messages.map((m) => t(...messageArgs(m))).join(' ')}
        </p>
      ) : null}
    </>
  );
}

const inputClass = (invalid: boolean) =>
  cx(
    // Focus: the global :focus-visible outline (app.css), as on every other control.
    'mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-700',
    invalid ? 'border-red-600' : 'border-slate-400',
  );

type ControlProps = { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string; className: string };

/** A labelled form control with its hint and error messages wired up through aria-describedby. */
function Field({ name, label, hint, errors, className, children }: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const ids = useFieldIds(name, errors, hint);
  const invalid = ids.messages.length > 0;
  return (
    <div className={className}>
      <label htmlFor={ids.inputId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {children({ id: ids.inputId, name, 'aria-invalid': invalid ? true : undefined, 'aria-describedby': ids.describedBy, className: inputClass(invalid) })}
      <FieldMessages hint={hint} {...ids} />
    </div>
  );
}

export function TextField({ name, label, hint, errors, className, ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  return <Field {...{ name, label, hint, errors, className }}>{(control) => <input {...control} {...input} />}</Field>;
}

export function TextAreaField({ name, label, hint, errors, className, ...input }: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Field {...{ name, label, hint, errors, className }}>{(control) => <textarea {...control} {...input} />}</Field>;
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  className,
  options,
  placeholder,
  ...select
}: FieldProps & React.SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <Field {...{ name, label, hint, errors, className }}>
      {(control) => (
        <select {...control} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function KindBadge({ kind }: { kind: 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION' | 'PARTNER' }) {
  const t = useT();
  return <Badge tone={kind === 'CUSTOMS_ADMINISTRATION' ? 'info' : kind === 'PARTNER' ? 'warning' : 'neutral'}>{t(`kind.${kind}`)}</Badge>;
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const t = useT();
  return verified ? <Badge tone="success">✓ {t('org.verified')}</Badge> : <Badge>{t('org.unverified')}</Badge>;
}

const signatureTones = { ACTIVE: 'success', LAPSED: 'warning', WITHDRAWN: 'neutral' } as const;

export function SignatureStatusBadge({ status }: { status: 'ACTIVE' | 'LAPSED' | 'WITHDRAWN' }) {
  const t = useT();
  return <Badge tone={signatureTones[status]}>{t(`signatureStatus.${status}`)}</Badge>;
}
