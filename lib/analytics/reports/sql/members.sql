-- Members per period and registration channel. The archive's members are those whose registration it
-- holds; an erased member leaves them on the day of the erasure. New members registered within the
-- period (within the range); active ones bought at least once in the 30 (90) days up to the period's end;
-- lapsed ones were members at the period's end and bought nothing in those 90 days. With a store filter
-- only purchases in those stores make a member active; registration has no store.
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('CustomerRegistered', 'CustomerErased', 'PurchaseRecorded') AND day <= :to
  GROUP BY event, detail.metadata.eventId
),
registrations AS (
  SELECT detail.data.customerId AS customer_id, min(detail.data.channel) AS channel, min(CAST(day AS DATE)) AS registered_on
  FROM archived WHERE event = 'CustomerRegistered' GROUP BY detail.data.customerId
),
erasures AS (
  SELECT detail.data.customerId AS customer_id, min(CAST(day AS DATE)) AS erased_on
  FROM archived WHERE event = 'CustomerErased' GROUP BY detail.data.customerId
),
purchases AS (
  SELECT detail.data.customerId AS customer_id,
    CAST(at_timezone(from_iso8601_timestamp(detail.data.occurredAt), :time_zone) AS DATE) AS sale_day
  FROM archived
  WHERE event = 'PurchaseRecorded'
    AND (:stores = '' OR strpos(:stores, ',' || detail.data.storeId || ',') > 0)
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
channels AS (SELECT DISTINCT channel FROM registrations WHERE registered_on <= CAST(:to AS DATE)),
member_periods AS (
  SELECT p.period_start, p.last_day, r.customer_id, r.channel
  FROM periods p
  JOIN registrations r ON r.registered_on <= p.last_day
  LEFT JOIN erasures e ON e.customer_id = r.customer_id
  WHERE e.erased_on IS NULL OR e.erased_on > p.last_day
),
last_purchases AS (
  SELECT m.period_start, m.customer_id, max(u.sale_day) AS last_purchase
  FROM member_periods m
  JOIN purchases u ON u.customer_id = m.customer_id
    AND u.sale_day <= m.last_day AND u.sale_day > CAST(m.last_day - INTERVAL '90' DAY AS DATE)
  GROUP BY m.period_start, m.customer_id
),
activity AS (
  SELECT m.period_start, m.channel,
    count_if(l.last_purchase > CAST(m.last_day - INTERVAL '30' DAY AS DATE)) AS active_30d,
    count_if(l.last_purchase IS NOT NULL) AS active_90d,
    count_if(l.last_purchase IS NULL) AS lapsed
  FROM member_periods m
  LEFT JOIN last_purchases l ON l.period_start = m.period_start AND l.customer_id = m.customer_id
  GROUP BY m.period_start, m.channel
),
newcomers AS (
  SELECT p.period_start, r.channel, count(*) AS new_members
  FROM periods p JOIN registrations r ON r.registered_on BETWEEN p.first_day AND p.last_day
  GROUP BY p.period_start, r.channel
)
SELECT CAST(p.period_start AS VARCHAR) AS period, c.channel,
  CAST(coalesce(n.new_members, 0) AS BIGINT) AS new_members,
  CAST(coalesce(a.active_30d, 0) AS BIGINT) AS active_30d,
  CAST(coalesce(a.active_90d, 0) AS BIGINT) AS active_90d,
  CAST(coalesce(a.lapsed, 0) AS BIGINT) AS lapsed
FROM periods p CROSS JOIN channels c
LEFT JOIN newcomers n ON n.period_start = p.period_start AND n.channel = c.channel
LEFT JOIN activity a ON a.period_start = p.period_start AND a.channel = c.channel
ORDER BY p.period_start, c.channel
