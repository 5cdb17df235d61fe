-- What moves customer value: the analysis reads a random sample of customers (by a hash of the customer id) at a
-- large centre's scale; these indexes let it read only the sample's contacts and purchases instead of the year's.
-- The expression must match ValueDriverRepository's draw exactly.
CREATE INDEX contact_log_draw_idx ON contact_log ((hashtext(customer_id) & 2147483647), started_at);
CREATE INDEX customer_transaction_draw_idx ON customer_transaction ((hashtext(customer_id) & 2147483647), occurred_at);
