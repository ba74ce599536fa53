-- Campaigns with participation in the range. Participants joined or were awarded; awards and their
-- points cost (bonus points); coupons issued are awards carrying a redemptionId, redeemed those with a
-- RedemptionCollected. Revenue per member over the range compares members treated (joined or awarded)
-- with members held out (kind 'held-out'); the lift is the difference, with a 95% interval by Welch's
-- normal approximation (1.96 standard errors), NULL when either group has fewer than 2 members. With a
-- store filter revenue counts those stores' sales only; participation has no store.
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('CampaignParticipated', 'PurchaseRecorded', 'RedemptionCollected')
  GROUP BY event, detail.metadata.eventId
),
participations AS (
  SELECT detail.data.campaignId AS campaign_id, detail.data.customerId AS customer_id,
    detail.data.kind AS kind, detail.data.bonusPoints AS bonus_points, detail.data.redemptionId AS redemption_id
  FROM archived
  WHERE event = 'CampaignParticipated' AND day BETWEEN :from AND :to
),
collected AS (
  SELECT DISTINCT detail.data.redemptionId AS redemption_id FROM archived WHERE event = 'RedemptionCollected'
),
revenue AS (
  SELECT detail.data.customerId AS customer_id, sum(detail.data.amount) AS revenue_fen
  FROM archived
  WHERE event = 'PurchaseRecorded'
    AND CAST(at_timezone(from_iso8601_timestamp(detail.data.occurredAt), :time_zone) AS DATE)
        BETWEEN CAST(:from AS DATE) AND CAST(:to AS DATE)
    AND (:stores = '' OR strpos(:stores, ',' || detail.data.storeId || ',') > 0)
  GROUP BY detail.data.customerId
),
groups AS (
  SELECT campaign_id, customer_id,
    CASE WHEN max(CASE WHEN kind = 'held-out' THEN 0 ELSE 1 END) = 1 THEN 'treated' ELSE 'held-out' END AS arm
  FROM participations GROUP BY campaign_id, customer_id
),
member_revenue AS (
  SELECT g.campaign_id, g.arm, g.customer_id, CAST(coalesce(r.revenue_fen, 0) AS DOUBLE) AS revenue_fen
  FROM groups g LEFT JOIN revenue r ON r.customer_id = g.customer_id
),
arms AS (
  SELECT campaign_id,
    count_if(arm = 'treated') AS treated_members,
    count_if(arm = 'held-out') AS held_out_members,
    sum(CASE WHEN arm = 'treated' THEN revenue_fen ELSE 0 END) AS participant_revenue_fen,
    avg(CASE WHEN arm = 'treated' THEN revenue_fen END) AS treated_mean,
    avg(CASE WHEN arm = 'held-out' THEN revenue_fen END) AS held_out_mean,
    var_samp(CASE WHEN arm = 'treated' THEN revenue_fen END) AS treated_variance,
    var_samp(CASE WHEN arm = 'held-out' THEN revenue_fen END) AS held_out_variance
  FROM member_revenue GROUP BY campaign_id
),
activity AS (
  SELECT p.campaign_id,
    count(DISTINCT CASE WHEN p.kind IN ('joined', 'awarded') THEN p.customer_id END) AS participants,
    count_if(p.kind = 'awarded') AS awards,
    sum(CASE WHEN p.kind = 'awarded' THEN p.bonus_points ELSE 0 END) AS points_cost,
    count_if(p.kind = 'awarded' AND p.redemption_id IS NOT NULL) AS coupons_issued,
    count_if(p.kind = 'awarded' AND c.redemption_id IS NOT NULL) AS coupons_redeemed
  FROM participations p LEFT JOIN collected c ON c.redemption_id = p.redemption_id
  GROUP BY p.campaign_id
),
lifts AS (
  SELECT a.*, s.treated_members, s.held_out_members, s.participant_revenue_fen, s.treated_mean, s.held_out_mean,
    CASE WHEN s.treated_members >= 2 AND s.held_out_members >= 2 THEN s.treated_mean - s.held_out_mean END AS lift,
    CASE WHEN s.treated_members >= 2 AND s.held_out_members >= 2
      THEN 1.96 * sqrt(CAST(s.treated_variance AS DOUBLE) / s.treated_members + CAST(s.held_out_variance AS DOUBLE) / s.held_out_members)
    END AS margin
  FROM activity a JOIN arms s ON s.campaign_id = a.campaign_id
)
SELECT campaign_id,
  CAST(participants AS BIGINT) AS participants, CAST(awards AS BIGINT) AS awards,
  CAST(points_cost AS BIGINT) AS points_cost,
  CAST(coupons_issued AS BIGINT) AS coupons_issued, CAST(coupons_redeemed AS BIGINT) AS coupons_redeemed,
  CAST(participant_revenue_fen AS BIGINT) AS participant_revenue_fen,
  CAST(treated_members AS BIGINT) AS treated_members, CAST(held_out_members AS BIGINT) AS held_out_members,
  CAST(round(treated_mean) AS BIGINT) AS treated_revenue_per_member_fen,
  CAST(round(held_out_mean) AS BIGINT) AS held_out_revenue_per_member_fen,
  CAST(round(lift) AS BIGINT) AS lift_fen,
  CAST(round(lift - margin) AS BIGINT) AS lift_ci_low_fen,
  CAST(round(lift + margin) AS BIGINT) AS lift_ci_high_fen
FROM lifts
ORDER BY campaign_id
