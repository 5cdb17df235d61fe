-- Who decided an experiment and when (state DECIDED), and every decision made on it: the audit trail of what was
-- chosen, whether it was rolled out into the caller policy and for which value tiers, and why.
alter table experiment add column decided_at timestamptz, add column decided_by varchar(128);

create table experiment_decision (
    id            bigserial     primary key,
    experiment_id varchar(64)   not null references experiment (id),
    variant       varchar(64)   not null,
    rollout       boolean       not null,
    value_tiers   jsonb         not null,
    rationale     varchar(2000) not null,
    decided_by    varchar(128)  not null,
    decided_at    timestamptz   not null
);

create index experiment_decision_by_experiment on experiment_decision (experiment_id, decided_at);
