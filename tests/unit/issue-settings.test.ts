// ANONYMOUS_SUMMARY_DELAY_DAYS (0–90, default 7) from the environment to configureIssues, and when a published
// summary of an anonymous issue becomes public.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.server';
import { summaryPublicAt } from '../../app/domain/issue-queries.server';
import { DEFAULT_ISSUE_SETTINGS, configureIssues, issueSettings } from '../../app/domain/issue-settings.server';

const SECRET = { SESSION_SECRET: 'x'.repeat(32) };
const DAY = 24 * 60 * 60 * 1000;

afterEach(() => configureIssues());

describe('ANONYMOUS_SUMMARY_DELAY_DAYS', () => {
  it('defaults to 7 and accepts whole days from 0 to 90', () => {
    expect(loadConfig({ ...SECRET }).anonymousSummaryDelayDays).toBe(7);
    expect(loadConfig({ ...SECRET, ANONYMOUS_SUMMARY_DELAY_DAYS: '' }).anonymousSummaryDelayDays).toBe(7);
    expect(loadConfig({ ...SECRET, ANONYMOUS_SUMMARY_DELAY_DAYS: '0' }).anonymousSummaryDelayDays).toBe(0);
    expect(loadConfig({ ...SECRET, ANONYMOUS_SUMMARY_DELAY_DAYS: '90' }).anonymousSummaryDelayDays).toBe(90);
  });

  it('refuses anything else with a message naming the variable', () => {
    for (const value of ['-1', '91', '2.5', 'soon']) {
      expect(() => loadConfig({ ...SECRET, ANONYMOUS_SUMMARY_DELAY_DAYS: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ ...SECRET, ANONYMOUS_SUMMARY_DELAY_DAYS: value }), value).toThrow(/ANONYMOUS_SUMMARY_DELAY_DAYS/);
    }
  });
});

describe('configureIssues', () => {
  it('installs the delay, back to the default without arguments, and refuses values out of range', () => {
    expect(issueSettings()).toEqual(DEFAULT_ISSUE_SETTINGS);
    configureIssues({ anonymousSummaryDelayDays: 14 });
    expect(issueSettings().anonymousSummaryDelayDays).toBe(14);
    configureIssues();
    expect(issueSettings().anonymousSummaryDelayDays).toBe(7);
    for (const days of [-1, 91, 1.5, Number.NaN]) expect(() => configureIssues({ anonymousSummaryDelayDays: days })).toThrow(RangeError);
    expect(issueSettings().anonymousSummaryDelayDays).toBe(7);
  });
});

describe('summaryPublicAt', () => {
  const createdAt = new Date('2027-01-04T10:00:00.000Z');
  it('is the later of the publication and the raising plus the delay, for anonymous issues', () => {
    configureIssues({ anonymousSummaryDelayDays: 7 });
    const early = new Date(createdAt.getTime() + DAY);
    const late = new Date(createdAt.getTime() + 9 * DAY);
    expect(summaryPublicAt({ anonymous: true, createdAt, summaryPublishedAt: early })).toEqual(new Date(createdAt.getTime() + 7 * DAY));
    expect(summaryPublicAt({ anonymous: true, createdAt, summaryPublishedAt: late })).toEqual(late);
    expect(summaryPublicAt({ anonymous: true, createdAt, summaryPublishedAt: null })).toBeNull();
    configureIssues({ anonymousSummaryDelayDays: 0 });
    expect(summaryPublicAt({ anonymous: true, createdAt, summaryPublishedAt: early })).toEqual(early);
  });
});
