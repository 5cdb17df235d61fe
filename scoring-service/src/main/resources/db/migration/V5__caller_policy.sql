-- The caller card's recommendation policy as analysts set it (PUT /api/v1/caller-policy), so it changes without a
-- release. One row at most; without it the card uses the configured defaults (cx.scoring.caller-policy.*).
-- Tier and churn-band lists are comma-separated.
CREATE TABLE caller_policy (
    id                       smallint         PRIMARY KEY CHECK (id = 1),
    high_value_tiers         text             NOT NULL,
    low_value_tiers          text             NOT NULL,
    take_time_churn_risks    text             NOT NULL,
    negative_sentiment_below double precision NOT NULL CHECK (negative_sentiment_below BETWEEN -1 AND 1),
    cx_avoid_below           double precision NOT NULL CHECK (cx_avoid_below BETWEEN 0 AND 1),
    updated_at               timestamptz      NOT NULL,
    updated_by               varchar(256)
);
