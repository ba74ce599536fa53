-- The stores over the whole range, ranked by revenue (equal revenue, equal rank). Sales as in the sales
-- report (members' and unmatched); members are the distinct members who bought there; points issued are
-- those credited for the store's sales and campaign bonuses a sale there triggered, on the day credited.
-- An event archived twice (Firehose and the local writer deliver at least once) counts once: by event id.
WITH archived AS (
  SELECT event, min(day) AS day, arbitrary(detail) AS detail
  FROM events
  WHERE event IN ('PurchaseRecorded', 'UnmatchedSaleRecorded', 'PointsEarned')
  GROUP BY event, detail.metadata.eventId
),
sales AS (
  SELECT detail.data.storeId AS store_id, detail.data.amount AS amount,
    CASE WHEN event = 'PurchaseRecorded' THEN detail.data.customerId END AS customer_id
  FROM archived a
  WHERE event IN ('PurchaseRecorded', 'UnmatchedSaleRecorded')
    AND CAST(at_timezone(from_iso8601_timestamp(detail.data.occurredAt), :time_zone) AS DATE)
        BETWEEN CAST(:from AS DATE) AND CAST(:to AS DATE)
    AND (event = 'PurchaseRecorded' OR NOT EXISTS (
       SELECT 1 FROM archived p
       WHERE p.event = 'PurchaseRecorded'
         AND p.detail.data.storeId = a.detail.data.storeId
         AND p.detail.data.transactionId = a.detail.data.transactionId))
),
store_sales AS (
  SELECT store_id, count(*) AS purchases, sum(amount) AS revenue_fen, count(DISTINCT customer_id) AS members
  FROM sales GROUP BY store_id
),
store_points AS (
  SELECT detail.data.source.storeId AS store_id, sum(detail.data.points) AS points_issued
  FROM archived
  WHERE event = 'PointsEarned' AND detail.data.source.storeId IS NOT NULL
    AND day BETWEEN :from AND :to
  GROUP BY detail.data.source.storeId
),
stores AS (
  SELECT coalesce(s.store_id, p.store_id) AS store_id,
    coalesce(s.purchases, 0) AS purchases, coalesce(s.revenue_fen, 0) AS revenue_fen,
    coalesce(s.members, 0) AS members, coalesce(p.points_issued, 0) AS points_issued
  FROM store_sales s FULL OUTER JOIN store_points p ON p.store_id = s.store_id
  WHERE :stores = '' OR strpos(:stores, ',' || coalesce(s.store_id, p.store_id) || ',') > 0
)
SELECT store_id, CAST(purchases AS BIGINT) AS purchases, CAST(revenue_fen AS BIGINT) AS revenue_fen,
  CAST(members AS BIGINT) AS members, CAST(points_issued AS BIGINT) AS points_issued,
  CAST(rank() OVER (ORDER BY revenue_fen DESC) AS BIGINT) AS revenue_rank
FROM stores
ORDER BY revenue_rank, store_id
