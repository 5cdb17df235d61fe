-- What data a CLV fit saw (DataCoverage as JSON: per topic the latest applied event and the consumer lag).
ALTER TABLE clv_model ADD COLUMN data_coverage jsonb;

-- The latest applied event of a topic, read by every fit and scoring run.
CREATE INDEX processed_event_topic_processed_at_idx ON processed_event (topic, processed_at DESC);
