-- Transactional outbox: the events this service publishes (today the ErasureCompleted confirmations), written in the
-- same transaction as the change they report. The outbox relay claims the oldest rows (select ... for update skip
-- locked, so the relays of two instances never hold the same rows), publishes them, waits for the broker's acks and
-- deletes them in that same transaction; a failed publish rolls back and leaves them pending.
create table outbox_event (
    -- The CloudEvents ce_id, fixed when the row is written, so a resend after a crash carries the same id.
    event_id        varchar(128) primary key,
    -- Publication order. Assigned at insert, so a transaction that commits later may hold a smaller number; the relay
    -- simply picks such a row up in its next round.
    sequence_number bigserial    not null unique,
    topic           varchar(255) not null,
    -- The Kafka record key and ce_subject: the customer id.
    event_key       varchar(128) not null,
    ce_type         varchar(128) not null,
    payload         text         not null,
    created_at      timestamptz  not null
);
