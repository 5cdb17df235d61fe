-- Each customer's history as experiment outcomes read it: contacts, survey answers, transactions and scores,
-- reduced to the fields the metrics use (outcome.CustomerEvent). Exposed customers' outcomes and their pre-period
-- covariates are recomputed from it whenever an event in their window arrives, so they do not depend on the order
-- events came in. event_key is a 64-bit digest of the event id: a redelivered event is stored once and changes nothing.
create table customer_event (
    customer_id      varchar(128)     not null,
    occurred_at      timestamptz      not null,
    event_key        bigint           not null,
    kind             varchar(12)      not null check (kind in ('CONTACT', 'SURVEY', 'TRANSACTION', 'SCORE')),
    contact_reason   varchar(128),
    handle_seconds   integer,
    abandoned        boolean,
    csat             smallint,
    nps              smallint,
    ces              smallint,
    felt_valued      smallint,
    -- a transaction's effect on spend: positive for a purchase, negative for a refund or cancellation
    amount           double precision,
    transaction_kind varchar(16),
    clv              double precision,
    cx_score         double precision,
    primary key (customer_id, occurred_at, event_key)
);

-- An exposed customer's current value of every measure (outcome.Measure order): y in the outcome window and x, its
-- pre-period value (a ratio metric: numerator y, denominator x). Null until first computed.
alter table exposure add column outcome_y double precision[], add column outcome_x double precision[];

-- Per (experiment, variant, value tier at exposure, measure): the sufficient statistics of the exposed customers'
-- values (stats.MetricStats: count, means and sums of squared and cross deviations), kept up to date as outcomes
-- change, so results never scan customers.
create table variant_stats (
    experiment_id varchar(64)      not null,
    variant       varchar(64)      not null,
    value_tier    varchar(32)      not null,
    measure       varchar(32)      not null,
    n             bigint           not null,
    mean_y        double precision not null,
    mean_x        double precision not null,
    ssd_y         double precision not null,
    ssd_x         double precision not null,
    scd_xy        double precision not null,
    primary key (experiment_id, variant, value_tier, measure)
);

-- The span of an experiment's exposures (min and max per experiment, read by the results): how many customers a
-- rollout would reach per month.
create index exposure_by_time on exposure (experiment_id, exposed_at);
