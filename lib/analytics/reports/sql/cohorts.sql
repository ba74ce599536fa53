-- Retention by purchase: members grouped by the month they registered (months of the range), and for
-- each month since (0 = the month of registration, up to the range's last month) how many of them bought
-- at least once in that month, up to the range's last day. Erased members stay in their cohort: it counts
-- what happened. With a store filter only purchases in those stores retain.
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('CustomerRegistered', 'PurchaseRecorded') AND day <= :to
  GROUP BY event, detail.metadata.eventId
),
cohort_members AS (
  SELECT customer_id, CAST(date_trunc('month', registered_on) AS DATE) AS cohort_month
  FROM (
    SELECT detail.data.customerId AS customer_id, min(CAST(day AS DATE)) AS registered_on
    FROM archived WHERE event = 'CustomerRegistered' GROUP BY detail.data.customerId
  ) r
  WHERE registered_on BETWEEN CAST(:from AS DATE) AND CAST(:to AS DATE)
),
months AS (
  SELECT DISTINCT CAST(date_trunc('month', d) AS DATE) AS month
  FROM UNNEST(sequence(CAST(:from AS DATE), CAST(:to AS DATE))) AS t(d)
),
purchase_months AS (
  SELECT DISTINCT detail.data.customerId AS customer_id, CAST(date_trunc('month', sale_day) AS DATE) AS month
  FROM (
    SELECT detail, CAST(at_timezone(from_iso8601_timestamp(detail.data.occurredAt), :time_zone) AS DATE) AS sale_day
    FROM archived WHERE event = 'PurchaseRecorded'
      AND (:stores = '' OR strpos(:stores, ',' || detail.data.storeId || ',') > 0)
  ) p
  WHERE sale_day <= CAST(:to AS DATE)
),
sizes AS (SELECT cohort_month, count(*) AS cohort_size FROM cohort_members GROUP BY cohort_month),
grid AS (
  SELECT s.cohort_month, m.month, s.cohort_size FROM sizes s JOIN months m ON m.month >= s.cohort_month
),
retained AS (
  SELECT c.cohort_month, p.month, count(*) AS retained
  FROM cohort_members c JOIN purchase_months p ON p.customer_id = c.customer_id AND p.month >= c.cohort_month
  GROUP BY c.cohort_month, p.month
)
SELECT CAST(g.cohort_month AS VARCHAR) AS cohort_month,
  CAST(date_diff('month', g.cohort_month, g.month) AS BIGINT) AS months_since,
  CAST(g.cohort_size AS BIGINT) AS cohort_size,
  CAST(coalesce(r.retained, 0) AS BIGINT) AS retained,
  CAST(coalesce(r.retained, 0) AS DOUBLE) / g.cohort_size AS retention
FROM grid g LEFT JOIN retained r ON r.cohort_month = g.cohort_month AND r.month = g.month
ORDER BY g.cohort_month, g.month
