// A milestone's state and timing as badges: text and colour, never colour alone.
import { useT } from '../web/i18n';
import { Badge } from './ui';

const STATE_TONES = { OPEN: 'neutral', DONE: 'info', COMPLETED: 'success' } as const;

export function MilestoneStateBadge({ state }: { state: string }) {
  const t = useT();
  return <Badge tone={STATE_TONES[state as keyof typeof STATE_TONES] ?? 'neutral'}>{t(`milestone.state.${state}`)}</Badge>;
}

export function MilestoneTimingBadge({ timing }: { timing: 'OVERDUE' | 'DUE_SOON' | null }) {
  const t = useT();
  if (!timing) return null;
  return <Badge tone={timing === 'OVERDUE' ? 'danger' : 'warning'}>{t(`milestone.timing.${timing}`)}</Badge>;
}

/** "Attested by the monitor" beside a completed milestone. */
export function MilestoneAttestedBadge() {
  const t = useT();
  return <Badge tone="success">✓ {t('milestone.attested')}</Badge>;
}
