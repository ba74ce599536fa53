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
daily AS (
  -- One row a day with movements: the periods below join these, never the events themselves.
  SELECT moved_on,
    sum(CASE WHEN event = 'PointsEarned' THEN points ELSE 0 END) AS issued,
    sum(CASE WHEN event = 'PointsRedeemed' THEN points ELSE 0 END) AS redeemed,
    sum(CASE WHEN event = 'RedemptionCancelled' THEN points ELSE 0 END) AS redemptions_cancelled,
    sum(CASE WHEN event = 'PointsExpired' THEN points ELSE 0 END) AS expired,
    sum(CASE WHEN event = 'PointsReversed' THEN points ELSE 0 END) AS reversed,
    sum(CASE WHEN event = 'PointsAdjusted' THEN points ELSE 0 END) AS adjusted,
    sum(CASE event WHEN 'PointsEarned' THEN points
                   WHEN 'PointsReversed' THEN -points
                   WHEN 'PointsRedeemed' THEN -points
                   WHEN 'RedemptionCancelled' THEN points
                   WHEN 'PointsExpired' THEN -points
                   WHEN 'PointsAdjusted' THEN points ELSE 0 END) AS net
  FROM movements
  WHERE :stores = '' OR strpos(:stores, ',' || store_id || ',') > 0
  GROUP BY moved_on
),
opening AS (
  -- The liability as the range begins: every movement archived before its first day.
  SELECT coalesce(sum(net), 0) AS liability FROM daily WHERE moved_on < CAST(:from AS DATE)
),
per_period AS (
  SELECT p.period_start,
    sum(d.issued) AS issued, sum(d.redeemed) AS redeemed,
    sum(d.redemptions_cancelled) AS redemptions_cancelled, sum(d.expired) AS expired,
    sum(d.reversed) AS reversed, sum(d.adjusted) AS adjusted,
    coalesce(sum(d.net), 0) AS net
  FROM periods p
  LEFT JOIN daily d ON d.moved_on BETWEEN p.first_day AND p.last_day
  GROUP BY p.period_start
)
SELECT CAST(period_start AS VARCHAR) AS period,
  CAST(coalesce(issued, 0) AS BIGINT) AS issued,
  CASE WHEN :stores = '' THEN CAST(coalesce(redeemed, 0) AS BIGINT) END AS redeemed,
  CASE WHEN :stores = '' THEN CAST(coalesce(redemptions_cancelled, 0) AS BIGINT) END AS redemptions_cancelled,
  CASE WHEN :stores = '' THEN CAST(coalesce(expired, 0) AS BIGINT) END AS expired,
  CAST(coalesce(reversed, 0) AS BIGINT) AS reversed,
  CASE WHEN :stores = '' THEN CAST(coalesce(adjusted, 0) AS BIGINT) END AS adjusted,
  CASE WHEN :stores = '' THEN CAST(
    (SELECT liability FROM opening) + sum(net) OVER (ORDER BY period_start ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  AS BIGINT) END AS liability_end
FROM per_period
ORDER BY period_start
