-- Transactional outbox: events this service publishes (today the ErasureCompleted confirmations), written in the same
-- transaction as the state change they report. The outbox relay publishes them in sequence order, waits for the
-- broker's acks and deletes them in its own transaction; rows it has claimed (SELECT ... FOR UPDATE SKIP LOCKED) are
-- invisible to the relay of another instance until that transaction ends.
CREATE TABLE outbox_event (
    -- The CloudEvents ce_id, fixed when the row is written, so a resend after a crash carries the same id.
    event_id        varchar(128)  PRIMARY KEY,
    -- Publication order. Assigned at insert, so a transaction that commits later may hold a smaller number; the relay
    -- simply picks such a row up in its next round.
    sequence_number bigserial     NOT NULL UNIQUE,
    topic           varchar(255)  NOT NULL,
    -- The Kafka record key and ce_subject: the customer id.
    event_key       varchar(128)  NOT NULL,
    ce_type         varchar(128)  NOT NULL,
    payload         text          NOT NULL,
    created_at      timestamptz   NOT NULL
);
