-- Sales per period and store: all categories (category NULL) and each category a basket holds (a basket
-- counts in full under each of its categories, so category rows do not add up to the NULL row). Sales
-- are members' purchases and unmatched sales not later assigned to a member (those are then purchases:
-- one sale, counted once); a sale counts on its business day. The store filter keeps those stores' sales.
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('PurchaseRecorded', 'UnmatchedSaleRecorded')
  GROUP BY event, detail.metadata.eventId
),
sales AS (
  SELECT event = 'PurchaseRecorded' AS by_member,
    detail.data.storeId AS store_id, detail.data.transactionId AS transaction_id,
    detail.data.amount AS amount, detail.data.categories AS categories,
    CAST(at_timezone(from_iso8601_timestamp(detail.data.occurredAt), :time_zone) AS DATE) AS sale_day
  FROM archived a
  WHERE event = 'PurchaseRecorded'
     OR NOT EXISTS (
       SELECT 1 FROM archived p
       WHERE p.event = 'PurchaseRecorded'
         AND p.detail.data.storeId = a.detail.data.storeId
         AND p.detail.data.transactionId = a.detail.data.transactionId)
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
in_range AS (
  SELECT pd.period_start, s.*
  FROM sales s JOIN period_days pd ON pd.d = s.sale_day
  WHERE :stores = '' OR strpos(:stores, ',' || s.store_id || ',') > 0
),
by_category AS (
  SELECT DISTINCT period_start, store_id, transaction_id, by_member, amount, category
  FROM in_range CROSS JOIN UNNEST(categories) AS c(category)
),
totals AS (
  SELECT period_start, store_id, CAST(NULL AS VARCHAR) AS category, count(*) AS purchases,
    sum(amount) AS revenue_fen, sum(CASE WHEN by_member THEN amount ELSE 0 END) AS member_revenue_fen
  FROM in_range GROUP BY period_start, store_id
  UNION ALL
  SELECT period_start, store_id, category, count(*), sum(amount), sum(CASE WHEN by_member THEN amount ELSE 0 END)
  FROM by_category GROUP BY period_start, store_id, category
)
SELECT CAST(period_start AS VARCHAR) AS period, store_id, category,
  CAST(purchases AS BIGINT) AS purchases,
  CAST(revenue_fen AS BIGINT) AS revenue_fen,
  CAST(round(CAST(revenue_fen AS DOUBLE) / purchases) AS BIGINT) AS average_basket_fen,
  CAST(member_revenue_fen AS DOUBLE) / nullif(revenue_fen, 0) AS member_share
FROM totals
ORDER BY period_start, store_id, category NULLS FIRST
