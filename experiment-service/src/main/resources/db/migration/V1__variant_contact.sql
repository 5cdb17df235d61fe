-- Every event this service has applied, by CloudEvents id (ce_id). Written in the same transaction as the change
-- the event made, so that a redelivered event is recognised and skipped.
create table processed_event (
    event_id     varchar(128) primary key,
    event_type   varchar(128) not null,
    processed_at timestamptz  not null default now()
);

-- One row per contact handled under an experiment variant: the observations a variant's outcomes are measured from.
-- Keyed by (experiment, interaction): an interaction is one contact of the experiment however many events report it.
create table variant_contact (
    experiment_id  varchar(128) not null,
    interaction_id varchar(128) not null,
    variant        varchar(128) not null,
    customer_id    varchar(128) not null,
    event_id       varchar(128) not null,
    channel        varchar(16)  not null,
    started_at     timestamptz  not null,
    handle_seconds integer      not null check (handle_seconds >= 0),
    abandoned      boolean      not null,
    resolved       boolean,
    primary key (experiment_id, interaction_id)
);

-- Serves the per-variant contact and distinct-customer counts from the index alone.
create index variant_contact_by_variant_customer on variant_contact (experiment_id, variant, customer_id);
