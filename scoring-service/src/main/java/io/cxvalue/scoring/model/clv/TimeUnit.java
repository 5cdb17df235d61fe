package io.cxvalue.scoring.model.clv;

/**
 * The unit in which recency, age, horizons and the fitted rate parameter alpha are expressed.
 *
 * <p>Durations are whole calendar days between dates divided by {@link #daysPerUnit()}, so weeks are fractional
 * (10 days = 1.4286 weeks). A year is 365.25 days, used only to turn an annual discount rate into a per-unit one.
 */
public enum TimeUnit {
    DAYS(1.0),
    WEEKS(7.0);

    /** Days in a year, for discounting. */
    public static final double DAYS_PER_YEAR = 365.25;

    private final double daysPerUnit;

    TimeUnit(double daysPerUnit) {
        this.daysPerUnit = daysPerUnit;
    }

    public double daysPerUnit() {
        return daysPerUnit;
    }

    /** Units in a year: 365.25 days or 52.18 weeks. */
    public double unitsPerYear() {
        return DAYS_PER_YEAR / daysPerUnit;
    }

    /** A number of whole days in this unit. */
    public double fromDays(long days) {
        return days / daysPerUnit;
    }
}
