-- The test programs analysts design and run. The definition (hypothesis, variants with the agent's instructions,
-- eligibility, metrics, windows, planning inputs) is one JSON document: it is read and written whole, and may only
-- change while the experiment is a DRAFT. The lifecycle columns say who moved it and when.
create table experiment (
    id          varchar(64)  primary key,
    name        varchar(200) not null,
    state       varchar(16)  not null check (state in ('DRAFT', 'RUNNING', 'STOPPED', 'DECIDED')),
    -- Mixed into the assignment hash with the customer id: every experiment randomizes independently.
    salt        varchar(64)  not null,
    definition  jsonb        not null,
    -- Optimistic lock: two analysts editing at once cannot overwrite each other unseen.
    version     integer      not null,
    created_at  timestamptz  not null,
    created_by  varchar(128) not null,
    updated_at  timestamptz  not null,
    updated_by  varchar(128) not null,
    started_at  timestamptz,
    started_by  varchar(128),
    stopped_at  timestamptz,
    stopped_by  varchar(128),
    stop_reason varchar(500)
);

create index experiment_by_state on experiment (state, created_at);
