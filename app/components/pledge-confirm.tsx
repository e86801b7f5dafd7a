// The parts the pages that confirm a step on a pledge share (close it; withdraw or renew a signature): the submit
// beside its cancel, and the frame of a signature's page with what it says when the signature no longer stands.
import type { ReactNode } from 'react';
import { Link, useNavigation } from 'react-router';
import { useT } from '../web/i18n';
import { Alert, Button, Card, PageHeader, buttonClass } from './ui';

/** The form's submit (disabled while it is sent) and a cancel that goes back to `cancelTo`. */
export function ConfirmActions({ children, variant, cancelTo }: { children: ReactNode; variant?: 'primary' | 'danger'; cancelTo: string }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <div className="flex flex-wrap gap-3">
      <Button variant={variant} disabled={navigation.state === 'submitting'}>
        {children}
      </Button>
      <Link to={cancelTo} className={buttonClass('secondary')}>
        {t('pledgeConfirm.cancel')}
      </Link>
    </div>
  );
}

/**
 * A page about one signature: its form in a card, or, when the signature can no longer be acted on (`unavailable`
 * says why), that reason and a link to the receipt.
 */
export function SignatureFormPage({
  title,
  lead,
  receiptHref,
  unavailable,
  children,
}: {
  title: string;
  lead: string;
  receiptHref: string;
  unavailable: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={title} lead={lead} />
      {unavailable ? (
        <Alert tone="info">
          {unavailable}{' '}
          <Link to={receiptHref} className="font-semibold underline">
            {t('pledgeSign.openReceipt')}
          </Link>
        </Alert>
      ) : (
        <Card>{children}</Card>
      )}
    </div>
  );
}
