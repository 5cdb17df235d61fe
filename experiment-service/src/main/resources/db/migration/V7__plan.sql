-- A contact's channel and team in the customers' history: with its reason and the customer's tier, what an
-- experiment's eligibility looks at, so the plan can count the eligible customers of the pre-period.
alter table customer_event add column channel varchar(16), add column team_id varchar(128);

-- The total sample size of the plan at the start: the always-valid confidence sequence is tuned for it, and a tuning
-- chosen before the data keeps the sequence valid.
alter table experiment add column planned_customers bigint;
