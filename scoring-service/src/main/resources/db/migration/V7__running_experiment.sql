-- The experiments running now (from cx.experiments): the caller card shows a caller's variant and its instruction
-- from these, computed here (contracts' VariantAssignment), with no call to experiment-service. A stop deletes the
-- row. The definition is the ExperimentStarted payload as published.
create table running_experiment (
    experiment_id varchar(128) primary key,
    definition    jsonb        not null,
    started_at    timestamptz  not null
);
