package io.cxvalue.scoring.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.scoring.model.value.ValueDriverReport.Driver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueDriverAnalysisTest {

    private static final LocalDate AS_OF = LocalDate.of(2016, 1, 1);
    private static final int MONTHS = 3;
    private static final List<String> TIERS = List.of("LOW", "MEDIUM", "HIGH", "TOP");

    private static final ValueDriverAnalysis.Options OPTIONS = new ValueDriverAnalysis.Options(MONTHS, 200, 20, 20, 8,
            new double[] {0.5, 0.8, 0.95}, TIERS, "EUR");

    private static ValueDriverReport analyse(List<CustomerPeriod> rows, ValueWorld world)
            throws ValueDriverException {
        return ValueDriverAnalysis.analyse(rows, rows.size(), period(world), OPTIONS);
    }

    private static ValueDriverReport.Period period(ValueWorld world) {
        return new ValueDriverReport.Period(world.experienceFrom, world.outcomeFrom, world.outcomeTo, MONTHS);
    }

    private static List<CustomerPeriod> periods(ValueWorld world, Double clv) {
        List<CustomerPeriod> result = new ArrayList<>();
        for (ValueWorld.Customer c : world.customers) {
            CustomerPeriod p = c.period();
            result.add(new CustomerPeriod(p.customerId(), p.experiences(), p.mainChannel(), p.mainReason(),
                    p.periodContacts(), p.priorContacts(), p.tenureDays(), p.priorSpend(), p.retained(),
                    p.nextSpend(), clv));
        }
        return result;
    }

    private static Driver driver(ValueDriverReport report, Experience e) {
        return report.drivers().stream().filter(d -> d.experience() == e).findFirst().orElseThrow();
    }

    /**
     * 200 simulated customer bases of 2,500 with planted effects (and confounding through prior spend, reasons and
     * sentiment): for every experience, the 95 % intervals of the odds ratio, of the retention change among those
     * who had it (against its true average over them) and of the spend change cover the truth 90-99 % of the time.
     */
    @Test
    void intervalsCoverThePlantedEffects() throws ValueDriverException {
        int runs = 200;
        Map<Experience, int[]> covered = new EnumMap<>(Experience.class);
        for (int run = 0; run < runs; run++) {
            ValueWorld world = ValueWorld.simulate(2500, 1000 + run, AS_OF, MONTHS, "w" + run + "-");
            ValueDriverReport report = analyse(periods(world, null), world);
            for (Experience e : Experience.values()) {
                Driver d = driver(report, e);
                int[] c = covered.computeIfAbsent(e, k -> new int[3]);
                double trueChange = world.customers.stream().filter(x -> x.period().had(e))
                        .mapToDouble(x -> x.trueChange(e)).average().orElseThrow() * 100;
                c[0] += d.oddsRatio().excludes(Math.exp(ValueWorld.RETENTION_LOG_ODDS.get(e))) ? 0 : 1;
                c[1] += d.retentionChange().excludes(trueChange) ? 0 : 1;
                c[2] += d.spendChange().excludes(ValueWorld.SPEND_EFFECT.getOrDefault(e, 0.0)) ? 0 : 1;
                assertNull(d.valueAtStake(), "no lifetime values, no money");
            }
        }
        for (Map.Entry<Experience, int[]> e : covered.entrySet()) {
            String[] what = {"odds ratio", "retention change", "spend change"};
            for (int m = 0; m < 3; m++) {
                double coverage = (double) e.getValue()[m] / runs;
                assertTrue(coverage >= 0.90 && coverage <= 0.99,
                        e.getKey() + " " + what[m] + " interval covered the truth in " + coverage + " of runs");
            }
        }
    }

    /**
     * With every retained customer worth the same lifetime value, each driver's value at stake is exactly its
     * retention loss times that value, per month; drivers are ranked by it; the sentences say it.
     */
    @Test
    void valueAtStakeIsTheRetentionLossTimesLifetimeValue() throws ValueDriverException {
        ValueWorld world = ValueWorld.simulate(6000, 7, AS_OF, MONTHS, "v-");
        double clv = 480.0;
        ValueDriverReport report = analyse(periods(world, clv), world);
        assertEquals(6000, report.fit().customers());
        assertEquals(6000, report.fit().customersWithClv());
        double previous = Double.MAX_VALUE;
        for (Driver d : report.drivers()) {
            double perMonth = d.customers() / (double) MONTHS;
            assertEquals(perMonth, d.customersPerMonth(), 1e-9);
            assertEquals(-d.retentionChange().estimate() / 100 * perMonth * clv, d.valueAtStake().estimate(), 1e-6);
            assertEquals(-d.retentionChange().low() / 100 * perMonth * clv, d.valueAtStake().high(), 1e-6);
            assertEquals(perMonth, d.byContactReason().stream()
                    .mapToDouble(ValueDriverReport.ReasonShare::customersPerMonth).sum(), 1e-9);
            assertEquals(d.valueAtStake().estimate(), d.byContactReason().stream()
                    .mapToDouble(ValueDriverReport.ReasonShare::valueAtStake).sum(), 1e-6);
            assertTrue(Math.abs(d.valueAtStake().estimate()) <= previous, "ranked by value at stake");
            previous = Math.abs(d.valueAtStake().estimate());
        }
        Driver unresolved = driver(report, Experience.UNRESOLVED);
        assertTrue(unresolved.sentence().startsWith("Customers with an unresolved contact were less likely to buy "
                + "again in the next 3 months, other things equal: odds 0."), unresolved.sentence());
        assertTrue(unresolved.sentence().contains("EUR less"), unresolved.sentence());
        assertTrue(unresolved.sentence().matches(".*; that puts [0-9,]+ EUR \\(95 % CI [0-9,]+ to [0-9,]+\\) of "
                + "customer lifetime value at risk each month, most in contacts about '"
                + unresolved.byContactReason().get(0).contactReason() + "'\\."), unresolved.sentence());
        Driver transferred = driver(report, Experience.TRANSFERRED);
        assertTrue(transferred.oddsRatio().excludes(1.0) || transferred.sentence().contains("no clear effect"),
                transferred.sentence());
    }

    /** Fitted on a sample, the per-month figures still count every customer of the population. */
    @Test
    void perMonthFiguresCountTheWholePopulation() throws ValueDriverException {
        ValueWorld world = ValueWorld.simulate(3000, 5, AS_OF, MONTHS, "s-");
        List<CustomerPeriod> sample = periods(world, 300.0).subList(0, 1000);
        ValueDriverReport a = ValueDriverAnalysis.analyse(sample, 3000, period(world), OPTIONS);
        assertEquals(3000, a.fit().customers());
        assertEquals(1000, a.fit().analysed());
        Driver d = driver(a, Experience.UNRESOLVED);
        assertEquals(d.customers() * 3.0 / MONTHS, d.customersPerMonth(), 1e-9);
        ValueDriverReport whole = ValueDriverAnalysis.analyse(sample, 1000, period(world), OPTIONS);
        assertEquals(3 * driver(whole, Experience.UNRESOLVED).valueAtStake().estimate(), d.valueAtStake().estimate(),
                1e-6);
        assertThrows(IllegalArgumentException.class,
                () -> ValueDriverAnalysis.analyse(sample, 999, period(world), OPTIONS));
    }

    @Test
    void dataThatCannotCarryTheModelsAreRefusedWithTheReason() {
        ValueWorld world = ValueWorld.simulate(150, 3, AS_OF, MONTHS, "r-");
        ValueDriverException few = assertThrows(ValueDriverException.class,
                () -> analyse(periods(world, null), world));
        assertEquals(ValueDriverException.Reason.TOO_FEW_CUSTOMERS, few.reason());

        ValueWorld big = ValueWorld.simulate(400, 3, AS_OF, MONTHS, "q-");
        List<CustomerPeriod> allRetained = periods(big, null).stream()
                .map(p -> new CustomerPeriod(p.customerId(), p.experiences(), p.mainChannel(), p.mainReason(),
                        p.periodContacts(), p.priorContacts(), p.tenureDays(), p.priorSpend(), true, 40.0, null))
                .toList();
        ValueDriverException oneClass = assertThrows(ValueDriverException.class,
                () -> analyse(allRetained, big));
        assertEquals(ValueDriverException.Reason.TOO_FEW_IN_CLASS, oneClass.reason());
    }
}
