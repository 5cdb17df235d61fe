-- What moves customer value, at a large centre's scale: the sample's contacts and purchases are spread over the
-- whole table (customers are drawn at random, rows are stored in time order), so reading them through V11's indexes
-- fetched one table page per row (176,000 contacts: about 70,000 pages). With the columns the analysis reads carried
-- in the index, it reads only the index's contiguous range of draws (an index-only scan; the visibility map is kept
-- by autovacuum). Measured at 5,000,000 contacts: experiences 1.5 s -> 1.0 s, purchases 1.3 s -> 0.35 s (psql).
-- The expression must match ValueDriverRepository's draw exactly; these replace V11's indexes.
CREATE INDEX contact_log_draw_cover_idx ON contact_log ((hashtext(customer_id) & 2147483647), started_at)
    INCLUDE (customer_id, interaction_id, channel, contact_reason, resolved, transfers, queue_seconds, abandoned,
             sentiment);
DROP INDEX contact_log_draw_idx;
CREATE INDEX customer_transaction_draw_cover_idx ON customer_transaction
    ((hashtext(customer_id) & 2147483647), occurred_at) INCLUDE (customer_id, kind, amount);
DROP INDEX customer_transaction_draw_idx;
