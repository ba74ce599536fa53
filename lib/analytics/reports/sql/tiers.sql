-- Members per tier: the distribution at each period's end, and the migration matrix from the tier held
-- at the start of the range (the end of the day before it; from_tier NULL for members who joined within
-- the range) to the tier held at its end. A member's tier is the last TierChanged's, else :entry_tier.
-- Members are those registered or with a tier change archived, until erased. Tiers are programme-wide:
-- a store filter does not apply. Rows: section 'distribution' (from_tier NULL, to_tier the tier held) and
-- 'migration' (period = the range's first day).
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('CustomerRegistered', 'CustomerErased', 'TierChanged') AND day <= :to
  GROUP BY event, detail.metadata.eventId
),
joined AS (
  SELECT detail.data.customerId AS customer_id, min(CAST(day AS DATE)) AS member_from
  FROM archived WHERE event IN ('CustomerRegistered', 'TierChanged') GROUP BY detail.data.customerId
),
erasures AS (
  SELECT detail.data.customerId AS customer_id, min(CAST(day AS DATE)) AS erased_on
  FROM archived WHERE event = 'CustomerErased' GROUP BY detail.data.customerId
),
changes AS (
  SELECT detail.data.customerId AS customer_id, CAST(day AS DATE) AS changed_on,
    detail.data.changedAt || ' ' || detail.metadata.eventId AS sequence_key, detail.data."to" AS to_tier
  FROM archived WHERE event = 'TierChanged'
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
moments AS (
  SELECT CAST(period_start AS VARCHAR) AS period, 'distribution' AS section, last_day AS at_day FROM periods
  UNION ALL
  SELECT 'start', 'start', CAST(CAST(:from AS DATE) - INTERVAL '1' DAY AS DATE)
),
tiers_held AS (
  SELECT mo.period, mo.section, j.customer_id,
    coalesce(max_by(c.to_tier, c.sequence_key), :entry_tier) AS tier
  FROM moments mo
  JOIN joined j ON j.member_from <= mo.at_day
  LEFT JOIN erasures e ON e.customer_id = j.customer_id
  LEFT JOIN changes c ON c.customer_id = j.customer_id AND c.changed_on <= mo.at_day
  WHERE e.erased_on IS NULL OR e.erased_on > mo.at_day
  GROUP BY mo.period, mo.section, j.customer_id
),
at_end AS (
  SELECT customer_id, tier FROM tiers_held WHERE period = CAST((SELECT max(period_start) FROM periods) AS VARCHAR)
),
at_start AS (SELECT customer_id, tier FROM tiers_held WHERE section = 'start')
SELECT section, period, CAST(NULL AS VARCHAR) AS from_tier, tier AS to_tier, CAST(count(*) AS BIGINT) AS members
FROM tiers_held WHERE section = 'distribution'
GROUP BY section, period, tier
UNION ALL
SELECT 'migration', CAST(CAST(:from AS DATE) AS VARCHAR), s.tier, e.tier, CAST(count(*) AS BIGINT)
FROM at_end e LEFT JOIN at_start s ON s.customer_id = e.customer_id
GROUP BY s.tier, e.tier
ORDER BY 1, 2, 3 NULLS FIRST, 4
