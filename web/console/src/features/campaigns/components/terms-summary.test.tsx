// A campaign's terms as staff read them back: the holdout among its limits, a booking campaign's venue and
// party conditions, in either language.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { CampaignDefinition } from '../api/campaigns';
import { TermsSummary } from './terms-summary';

const definition: CampaignDefinition = {
  name: 'Double points weekend',
  description: '',
  trigger: { kind: 'purchase' },
  conditions: {},
  effects: { bonusPoints: { kind: 'fixed', points: 100 } },
  limits: { pointsBudget: 5000 },
  priority: 100,
  exclusive: false,
  optIn: false,
  visibleToMembers: true,
  startsAt: '2026-12-11T16:00:00.000Z',
  endsAt: '2026-12-13T16:00:00.000Z',
};

describe('the terms summary', () => {
  it('shows the holdout beside the other limits', () => {
    renderWithProviders(<TermsSummary definition={{ ...definition, holdoutPercent: 12.5 }} />);
    const limits = screen.getByText(/(对照组 12\.5%|Holdout 12\.5%)/);
    expect(limits.textContent).toMatch(/5,000|5000/);
  });

  it('shows no holdout for a campaign without one', () => {
    renderWithProviders(<TermsSummary definition={definition} />);
    expect(screen.queryByText(/%/)).toBeNull();
  });

  it("names a booking campaign's trigger, venue kinds and party size in the reader's language", () => {
    renderWithProviders(
      <TermsSummary
        definition={{
          ...definition,
          trigger: { kind: 'bookingAttended' },
          conditions: { venueKinds: ['event', 'salon'], minPartySize: 2 },
        }}
      />,
    );
    expect(screen.getByText(/^(预约到店|Booking attended)$/)).toBeTruthy();
    const conditions = screen.getByText(/(场地类型|Venue kinds)/);
    expect(conditions.textContent).toMatch(/(活动、美容美发|Event、Salon)/);
    expect(conditions.textContent).toMatch(/(最少人数|Party of at least): 2/);
  });
});
