-- The inferred-CX model: what it reads from the contact log, the trained models, and each customer's CX score
-- alongside the CLV scores.

-- Talk, hold and after-contact work separately (handle_seconds is their sum): the model reads each. Null for rows
-- stored before this migration and when the source does not report them.
ALTER TABLE contact_log
    ADD COLUMN talk_seconds       integer CHECK (talk_seconds >= 0),
    ADD COLUMN hold_seconds       integer CHECK (hold_seconds >= 0),
    ADD COLUMN after_work_seconds integer CHECK (after_work_seconds >= 0);

-- The survey answers a model trains on are joined to the interaction they are about.
CREATE INDEX survey_response_interaction_idx ON survey_response (interaction_id) WHERE csat IS NOT NULL;

-- One row per trained model (POST /api/v1/cx/models or the nightly job). The version is derived from the training
-- date, the label, the encoding and the coefficients (CxModel.versionOf). At most one model is active.
CREATE TABLE cx_model (
    version          varchar(64)      PRIMARY KEY,
    format_version   integer          NOT NULL,
    trained_at       timestamptz      NOT NULL,
    -- satisfied = CSAT >= label_threshold
    label_threshold  integer          NOT NULL CHECK (label_threshold BETWEEN 2 AND 5),
    intercept        double precision NOT NULL,
    -- one per encoder column, standardised scale (JSON array of numbers)
    coefficients     jsonb            NOT NULL,
    -- FeatureEncoder: reasons, medians, columns (JSON)
    encoder          jsonb            NOT NULL,
    -- CxModelReport: holdout AUC, calibration by decile, respondents, effects, the non-response caveat (JSON)
    report           jsonb            NOT NULL,
    active           boolean          NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX cx_model_one_active_idx ON cx_model (active) WHERE active;

-- The CX score stored with each customer's scores: REAL (latest CSAT), INFERRED (the model on the latest contact)
-- or NONE, and the model behind an inferred one.
ALTER TABLE customer_score
    ADD COLUMN cx_satisfaction  double precision CHECK (cx_satisfaction BETWEEN 0 AND 1),
    ADD COLUMN cx_source        varchar(16) NOT NULL DEFAULT 'NONE' CHECK (cx_source IN ('REAL', 'INFERRED', 'NONE')),
    ADD COLUMN cx_model_version varchar(64);
