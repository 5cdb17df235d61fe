-- Per-customer state built from cx.customers, cx.interactions, cx.feedback and cx.transactions.
-- Scoring holds no personal data beyond the identity keys the caller lookup needs (ARCHITECTURE.md): no display name,
-- no profile attributes, no survey comment, no social handle. Every table is keyed or indexed by customer_id, so that a
-- merge can move a customer's rows to the survivor and an erasure can delete them.

-- Customers scoring has heard of on cx.customers (an upsert or an identity link). No profile data.
CREATE TABLE customer (
    customer_id     varchar(128) PRIMARY KEY,
    -- The latest upsertedAt / linkedAt applied.
    last_updated_at timestamptz  NOT NULL
);

-- Identity keys for the caller lookup: one identity (kind, value) belongs to at most one customer. Only PHONE (E.164),
-- EMAIL (lower-cased) and CRM_ID are kept; SOCIAL handles are not needed for the lookup and are not stored.
CREATE TABLE customer_identity (
    kind        varchar(16)  NOT NULL CHECK (kind IN ('PHONE', 'EMAIL', 'CRM_ID')),
    value       varchar(320) NOT NULL,
    customer_id varchar(128) NOT NULL,
    -- When the identity was (last) linked to customer_id: a link older than the one stored does not take it over.
    linked_at   timestamptz  NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE INDEX customer_identity_customer_idx ON customer_identity (customer_id);

-- Customers merged into another (CustomersMerged): events that still carry a merged id are applied to the survivor.
-- Chains are kept flat: when a survivor is itself merged later, its aliases are repointed to the new survivor.
CREATE TABLE customer_alias (
    merged_id   varchar(128) PRIMARY KEY,
    survivor_id varchar(128) NOT NULL CHECK (survivor_id <> merged_id),
    merged_at   timestamptz  NOT NULL
);
CREATE INDEX customer_alias_survivor_idx ON customer_alias (survivor_id);

-- One row per interaction (the latest report of it): the contact history of the caller card and, later, the
-- per-interaction features of the inferred-CX model. No agent, team or free text.
CREATE TABLE contact_log (
    interaction_id varchar(128)     PRIMARY KEY,
    customer_id    varchar(128)     NOT NULL,
    started_at     timestamptz      NOT NULL,
    channel        varchar(32)      NOT NULL,
    direction      varchar(16)      NOT NULL,
    contact_reason varchar(200),
    -- null when the agent did not record it
    resolved       boolean,
    sentiment      double precision CHECK (sentiment BETWEEN -1 AND 1),
    transfers      integer          NOT NULL CHECK (transfers >= 0),
    queue_seconds  integer          CHECK (queue_seconds >= 0),
    -- talk + hold + after-contact work; null for an abandoned contact
    handle_seconds integer          CHECK (handle_seconds >= 0),
    abandoned      boolean          NOT NULL
);
CREATE INDEX contact_log_customer_started_idx ON contact_log (customer_id, started_at DESC);

-- One row per survey response, without its free-text comment (personal data).
CREATE TABLE survey_response (
    response_id    varchar(128) PRIMARY KEY,
    customer_id    varchar(128) NOT NULL,
    interaction_id varchar(128),
    responded_at   timestamptz  NOT NULL,
    csat           integer      CHECK (csat BETWEEN 1 AND 5),
    nps            integer      CHECK (nps BETWEEN 0 AND 10),
    ces            integer      CHECK (ces BETWEEN 1 AND 7),
    felt_valued    integer      CHECK (felt_valued BETWEEN 1 AND 5)
);
CREATE INDEX survey_response_customer_responded_idx ON survey_response (customer_id, responded_at DESC);

-- One row per purchase, cancellation or refund: the input of the CLV transaction summary. amount is positive
-- whatever the kind; the kind gives the direction.
CREATE TABLE customer_transaction (
    transaction_id             varchar(128)   PRIMARY KEY,
    customer_id                varchar(128)   NOT NULL,
    kind                       varchar(16)    NOT NULL CHECK (kind IN ('PURCHASE', 'CANCELLATION', 'REFUND')),
    amount                     numeric(19, 4) NOT NULL CHECK (amount >= 0),
    currency                   varchar(3)     NOT NULL,
    occurred_at                timestamptz    NOT NULL,
    cancels_transaction_id     varchar(128),
    originating_interaction_id varchar(128)
);
CREATE INDEX customer_transaction_customer_occurred_idx ON customer_transaction (customer_id, occurred_at);
