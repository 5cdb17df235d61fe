-- Each customer's latest value tier (cx.scores): experiments may be limited to tiers, and results are broken down by
-- the tier a customer had when exposed.
create table customer_tier (
    customer_id varchar(128) primary key,
    value_tier  varchar(32),
    scored_at   timestamptz  not null
);

-- A customer's exposure to an experiment: their first eligible contact while it ran, under the variant the shared
-- hash assigns (contracts' VariantAssignment). One row per (experiment, customer): the unit of randomization.
create table exposure (
    experiment_id  varchar(64)  not null,
    customer_id    varchar(128) not null,
    variant        varchar(64)  not null,
    exposed_at     timestamptz  not null,
    interaction_id varchar(128) not null,
    value_tier     varchar(32),
    primary key (experiment_id, customer_id)
);

create index exposure_by_variant on exposure (experiment_id, variant);
