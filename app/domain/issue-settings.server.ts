// Settings of the issue feature that come from the configuration (app/config.server.ts), installed once at start-up
// by app/platform.server.ts. Tests call configureIssues with their own values (and put the defaults back).

export type IssueSettings = {
  /** Days an anonymous issue's published summary waits after the issue was raised before it is public (0–90). */
  anonymousSummaryDelayDays: number;
};

export const DEFAULT_ISSUE_SETTINGS: Readonly<IssueSettings> = Object.freeze({ anonymousSummaryDelayDays: 7 });
export const MAX_ANONYMOUS_SUMMARY_DELAY_DAYS = 90;

let settings: IssueSettings = { ...DEFAULT_ISSUE_SETTINGS };

export function configureIssues(next: Partial<IssueSettings> = {}): void {
  const days = next.anonymousSummaryDelayDays ?? DEFAULT_ISSUE_SETTINGS.anonymousSummaryDelayDays;
  if (!Number.isInteger(days) || days < 0 || days > MAX_ANONYMOUS_SUMMARY_DELAY_DAYS) {
    throw new RangeError(`anonymousSummaryDelayDays must be a whole number from 0 to ${MAX_ANONYMOUS_SUMMARY_DELAY_DAYS}, got ${days}`);
  }
  settings = { anonymousSummaryDelayDays: days };
}

export function issueSettings(): Readonly<IssueSettings> {
  return settings;
}
