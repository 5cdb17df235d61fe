-- Caller policy rolled out from decided experiments (ExperimentDecided with rollout, on cx.experiments): per value
-- tier, the latest decision's instruction, which the caller card applies to every caller of that tier. The decision is
-- the event's payload as published.
create table policy_rollout (
    value_tier    varchar(32)  primary key,
    experiment_id varchar(128) not null,
    decided_at    timestamptz  not null,
    decision      jsonb        not null
);
