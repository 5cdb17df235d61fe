-- Per-customer contact summary built from cx.interactions. Later migrations extend the customer state (CLV, P(alive),
-- CX score, caller card) in their own tables keyed by customer_id.
CREATE TABLE customer_contact_summary (
    customer_id         varchar(128)     PRIMARY KEY,
    contacts            bigint           NOT NULL CHECK (contacts > 0),
    abandoned_contacts  bigint           NOT NULL CHECK (abandoned_contacts >= 0),
    first_contact_at    timestamptz      NOT NULL,
    last_contact_at     timestamptz      NOT NULL,
    -- The contact that started last (by startedAt, not by arrival order).
    last_interaction_id varchar(128)     NOT NULL,
    last_channel        varchar(32)      NOT NULL,
    last_contact_reason varchar(200),
    last_sentiment      double precision CHECK (last_sentiment BETWEEN -1 AND 1),
    version             bigint           NOT NULL
);

CREATE TABLE customer_contact_channel (
    customer_id varchar(128) NOT NULL REFERENCES customer_contact_summary (customer_id) ON DELETE CASCADE,
    channel     varchar(32)  NOT NULL,
    contacts    bigint       NOT NULL CHECK (contacts > 0),
    PRIMARY KEY (customer_id, channel)
);

-- Events already applied (CloudEvents ce_id), written in the same transaction as the state change they caused.
CREATE TABLE processed_event (
    event_id     varchar(255) PRIMARY KEY,
    topic        varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);

-- For the retention job that will purge ids older than any possible redelivery.
CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
