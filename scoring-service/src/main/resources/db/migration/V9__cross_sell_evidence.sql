-- What the caller policy's negative-sentiment rule rests on (for example reporting's cross-sell analysis, as an
-- analyst applied it), cited in the caller card's cross-sell reason. Optional.
ALTER TABLE caller_policy ADD COLUMN cross_sell_evidence text CHECK (char_length(cross_sell_evidence) BETWEEN 1 AND 500);
