-- What moves customer value: each analysis an analyst ran (ValueDriverReport as JSON), newest first.
CREATE TABLE value_driver_report (
    id          varchar(64) PRIMARY KEY,
    analysed_at timestamptz NOT NULL,
    -- the end (exclusive) of the period whose purchases were the outcome
    outcome_to  timestamptz NOT NULL,
    months      integer     NOT NULL CHECK (months BETWEEN 1 AND 12),
    report      jsonb       NOT NULL
);
CREATE INDEX value_driver_report_analysed_idx ON value_driver_report (analysed_at DESC);
