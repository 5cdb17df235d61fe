/**
 * The statistics of randomized experiments as plain Java (no framework): per-group sufficient statistics kept as
 * events arrive, treatment-versus-control comparisons, variance reduction, and the checks that tell whether an
 * experiment's result can be trusted.
 *
 * <p>Accumulate: {@link io.cxvalue.experiment.stats.MetricStats} (a per-unit metric with an optional pre-period
 * covariate) and {@link io.cxvalue.experiment.stats.RatioStats} (a ratio metric whose analysis unit is finer than the
 * randomization unit, e.g. CSAT per survey response with customers randomized) are mergeable, so shards, days or
 * partitions can be combined.
 *
 * <p>Compare: {@link io.cxvalue.experiment.stats.Estimate} is one group's estimate and the variance of that estimate;
 * {@link io.cxvalue.experiment.stats.WelchTest} compares two of them (difference, Welch–Satterthwaite degrees of
 * freedom, p-value, confidence interval, relative lift) into a {@link io.cxvalue.experiment.stats.Comparison};
 * {@link io.cxvalue.experiment.stats.Cuped} produces variance-reduced estimates from a pre-period covariate;
 * {@link io.cxvalue.experiment.stats.AlwaysValid} gives confidence sequences that stay valid when results are looked
 * at every day; {@link io.cxvalue.experiment.stats.MultipleComparisons} adjusts p-values across metrics or variants;
 * {@link io.cxvalue.experiment.stats.Heterogeneity} tests whether the effect differs between subgroups.
 *
 * <p>Trust and plan: {@link io.cxvalue.experiment.stats.SampleRatioMismatch} checks the split against the configured
 * weights, {@link io.cxvalue.experiment.stats.Balance} the pre-period covariates between variants, and
 * {@link io.cxvalue.experiment.stats.SampleSizePlanner} how many units and days an experiment needs.
 */
package io.cxvalue.experiment.stats;
