/**
 * Customer lifetime value models as plain Java (no framework): the BG/NBD model of repeat transactions and
 * drop-out (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way", Marketing Science 24(2)), the
 * Gamma-Gamma model of spend per transaction (Fader and Hardie 2013, "The Gamma-Gamma Model of Monetary Value"),
 * their maximum-likelihood fitters over compressed sufficient statistics, discounted CLV over a horizon, value tiers
 * from the CLV distribution and churn risk from P(alive).
 *
 * <p>Entry points: {@link io.cxvalue.scoring.model.clv.RfmSummaryBuilder} turns a customer's transaction log into
 * the sufficient statistics {@link io.cxvalue.scoring.model.clv.CustomerSummary}(x, t_x, T, mean repeat value);
 * {@link io.cxvalue.scoring.model.clv.ClvModelFitter} fits both models for analysts (calibration end, time unit,
 * optional holdout end) and returns a versioned {@link io.cxvalue.scoring.model.clv.ClvModel};
 * {@link io.cxvalue.scoring.model.clv.Clv}, {@link io.cxvalue.scoring.model.clv.ValueTiers} and
 * {@link io.cxvalue.scoring.model.clv.ChurnRisk} score customers with a fitted model.
 */
package io.cxvalue.scoring.model.clv;
