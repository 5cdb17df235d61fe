-- Lifetime-value models fitted by analysts (POST /api/v1/clv/models) or by the nightly job, and the per-customer
-- scores of the active model.

-- One row per fitted model. The version is derived from the calibration end, the unit and the parameters
-- (ClvModel.versionOf), so an identical refit lands on the same row. At most one model is active: the one scores use.
CREATE TABLE clv_model (
    version                  varchar(64)      PRIMARY KEY,
    format_version           integer          NOT NULL,
    fitted_at                timestamptz      NOT NULL,
    calibration_end          date             NOT NULL,
    time_unit                varchar(8)       NOT NULL CHECK (time_unit IN ('DAYS', 'WEEKS')),
    -- BG/NBD
    r                        double precision NOT NULL,
    alpha                    double precision NOT NULL,
    a                        double precision NOT NULL,
    b                        double precision NOT NULL,
    bg_nbd_log_likelihood    double precision NOT NULL,
    bg_nbd_converged         boolean          NOT NULL,
    -- Gamma-Gamma
    p                        double precision NOT NULL,
    q                        double precision NOT NULL,
    gamma                    double precision NOT NULL,
    gamma_gamma_log_likelihood double precision NOT NULL,
    gamma_gamma_converged    boolean          NOT NULL,
    gamma_gamma_customer_count bigint         NOT NULL,
    customer_count           bigint           NOT NULL,
    holdout_end              date,
    -- Predicted vs actual holdout transactions, total and by frequency group (HoldoutReport as JSON); null without a
    -- holdout end.
    holdout                  jsonb,
    active                   boolean          NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX clv_model_one_active_idx ON clv_model (active) WHERE active;

-- The latest scores of each customer (under the model that produced them).
CREATE TABLE customer_score (
    customer_id           varchar(128)     PRIMARY KEY,
    model_version         varchar(64)      NOT NULL,
    x                     integer          NOT NULL CHECK (x >= 0),
    t_x                   double precision NOT NULL CHECK (t_x >= 0),
    t_cal                 double precision NOT NULL CHECK (t_cal >= 0),
    horizon_months        integer          NOT NULL,
    expected_transactions double precision NOT NULL,
    p_alive               double precision NOT NULL CHECK (p_alive BETWEEN 0 AND 1),
    expected_spend        numeric(19, 4)   NOT NULL,
    clv                   numeric(19, 4)   NOT NULL,
    currency              varchar(3)       NOT NULL,
    value_tier            varchar(32)      NOT NULL,
    churn_risk            varchar(16)      NOT NULL,
    scored_at             timestamptz      NOT NULL
);
CREATE INDEX customer_score_model_idx ON customer_score (model_version);
