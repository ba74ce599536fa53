-- Points moved per period, and the liability at each period's end (over all archived history).
-- A movement counts on the business day it was recorded (its partition day). With a store filter only
-- what carries a store is restricted (issued, reversed); redemptions, cancellations, expiry, adjustments
-- and the liability have no store and are then NULL.
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('PointsEarned', 'PointsRedeemed', 'RedemptionCancelled', 'PointsExpired', 'PointsReversed', 'PointsAdjusted')
    AND day <= :to
  GROUP BY event, detail.metadata.eventId
),
movements AS (
  SELECT CAST(day AS DATE) AS moved_on, event,
    CASE WHEN event = 'PointsEarned' THEN detail.data.source.storeId
         WHEN event = 'PointsReversed' THEN detail.data.storeId END AS store_id,
    detail.data.points AS points
  FROM archived
),
days AS (
  SELECT d FROM UNNEST(sequence(CAST(:from AS DATE), CAST(:to AS DATE))) AS t(d)
),
period_days AS (
  SELECT d, CASE :group_by WHEN 'day' THEN d
                           WHEN 'week' THEN CAST(date_trunc('week', d) AS DATE)
                           ELSE CAST(date_trunc('month', d) AS DATE) END AS period_start
  FROM days
),
periods AS (
  SELECT period_start, min(d) AS first_day, max(d) AS last_day FROM period_days GROUP BY period_start
),
per_period AS (
  SELECT p.period_start,
    sum(CASE WHEN m.event = 'PointsEarned' AND m.moved_on >= p.first_day THEN m.points ELSE 0 END) AS issued,
    sum(CASE WHEN m.event = 'PointsRedeemed' AND m.moved_on >= p.first_day THEN m.points ELSE 0 END) AS redeemed,
    sum(CASE WHEN m.event = 'RedemptionCancelled' AND m.moved_on >= p.first_day THEN m.points ELSE 0 END) AS redemptions_cancelled,
    sum(CASE WHEN m.event = 'PointsExpired' AND m.moved_on >= p.first_day THEN m.points ELSE 0 END) AS expired,
    sum(CASE WHEN m.event = 'PointsReversed' AND m.moved_on >= p.first_day THEN m.points ELSE 0 END) AS reversed,
    sum(CASE WHEN m.event = 'PointsAdjusted' AND m.moved_on >= p.first_day THEN m.points ELSE 0 END) AS adjusted,
    sum(CASE m.event WHEN 'PointsEarned' THEN m.points
                     WHEN 'PointsReversed' THEN -m.points
                     WHEN 'PointsRedeemed' THEN -m.points
                     WHEN 'RedemptionCancelled' THEN m.points
                     WHEN 'PointsExpired' THEN -m.points
                     WHEN 'PointsAdjusted' THEN m.points ELSE 0 END) AS liability_end
  FROM periods p
  LEFT JOIN movements m ON m.moved_on <= p.last_day
    AND (:stores = '' OR strpos(:stores, ',' || m.store_id || ',') > 0)
  GROUP BY p.period_start
)
SELECT CAST(period_start AS VARCHAR) AS period,
  CAST(coalesce(issued, 0) AS BIGINT) AS issued,
  CASE WHEN :stores = '' THEN CAST(coalesce(redeemed, 0) AS BIGINT) END AS redeemed,
  CASE WHEN :stores = '' THEN CAST(coalesce(redemptions_cancelled, 0) AS BIGINT) END AS redemptions_cancelled,
  CASE WHEN :stores = '' THEN CAST(coalesce(expired, 0) AS BIGINT) END AS expired,
  CAST(coalesce(reversed, 0) AS BIGINT) AS reversed,
  CASE WHEN :stores = '' THEN CAST(coalesce(adjusted, 0) AS BIGINT) END AS adjusted,
  CASE WHEN :stores = '' THEN CAST(coalesce(liability_end, 0) AS BIGINT) END AS liability_end
FROM per_period
ORDER BY period_start
