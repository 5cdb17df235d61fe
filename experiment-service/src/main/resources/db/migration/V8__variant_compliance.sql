-- Compliance per assigned variant, kept as contacts reported under a variant arrive: of the contacts of the
-- experiment's customers reported under one of its variants, how many under the variant the customer is assigned to
-- (the shared hash). The results read these counters instead of joining contacts with exposures.
create table variant_compliance (
    experiment_id      varchar(64) not null,
    assigned_variant   varchar(64) not null,
    reported_contacts  bigint      not null,
    compliant_contacts bigint      not null,
    primary key (experiment_id, assigned_variant)
);
