package io.cxvalue.experiment.design;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule an experiment definition must meet, with the field path of each violation, so that an analyst sees all
 * that is wrong at once. Mirrors the limits of the ExperimentStarted event's schema, so that a started experiment's
 * event is always valid.
 */
public final class DefinitionCheck {

    /** One broken rule: the JSON path of the field and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern LABEL = Pattern.compile("[^\\p{Cntrl}]+");
    static final int MAX_VARIANTS = 10;

    private DefinitionCheck() {
    }

    public static List<Violation> violations(ExperimentDefinition d) {
        List<Violation> out = new ArrayList<>();
        if (d == null) {
            out.add(new Violation("body", "must be an experiment definition"));
            return out;
        }
        text(out, "name", d.name(), 1, 200, true);
        text(out, "hypothesis", d.hypothesis(), 1, 2000, false);
        text(out, "owner", d.owner(), 1, 128, false);
        variants(out, d.variants());
        eligibility(out, d);
        metrics(out, d.metrics());
        if (d.outcomeWindowDays() < 1 || d.outcomeWindowDays() > 365) {
            out.add(new Violation("outcomeWindowDays", "must be between 1 and 365"));
        }
        if (d.prePeriodDays() < 0 || d.prePeriodDays() > 365) {
            out.add(new Violation("prePeriodDays", "must be between 0 and 365"));
        }
        if (d.economics() == null) {
            out.add(new Violation("economics", "must not be null"));
        } else {
            String currency = d.economics().currency();
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                out.add(new Violation("economics.currency", "must be an ISO 4217 code such as EUR"));
            }
            if (!(d.economics().costPerAgentMinute() >= 0 && d.economics().costPerAgentMinute() <= 1000)) {
                out.add(new Violation("economics.costPerAgentMinute", "must be between 0 and 1000"));
            }
            if (!(d.economics().costPerContact() >= 0 && d.economics().costPerContact() <= 10000)) {
                out.add(new Violation("economics.costPerContact", "must be between 0 and 10000"));
            }
        }
        if (d.planning() == null) {
            out.add(new Violation("planning", "must not be null"));
        } else {
            if (!(d.planning().alpha() > 0 && d.planning().alpha() <= 0.2)) {
                out.add(new Violation("planning.alpha", "must be above 0 and at most 0.2"));
            }
            if (!(d.planning().power() >= 0.5 && d.planning().power() <= 0.99)) {
                out.add(new Violation("planning.power", "must be between 0.5 and 0.99"));
            }
            Double mde = d.planning().minimumDetectableEffect();
            if (mde != null && !(mde > 0 && Double.isFinite(mde))) {
                out.add(new Violation("planning.minimumDetectableEffect", "must be a positive number"));
            }
        }
        return out;
    }

    private static void variants(List<Violation> out, List<ExperimentVariantDefinition> variants) {
        if (variants == null || variants.size() < 2 || variants.size() > MAX_VARIANTS) {
            out.add(new Violation("variants", "must list 2 to " + MAX_VARIANTS + " variants"));
            return;
        }
        Set<String> keys = new HashSet<>();
        int controls = 0;
        for (int i = 0; i < variants.size(); i++) {
            String at = "variants[" + i + "]";
            ExperimentVariantDefinition v = variants.get(i);
            if (v == null) {
                out.add(new Violation(at, "must not be null"));
                continue;
            }
            if (v.key() == null || !KEY.matcher(v.key()).matches()) {
                out.add(new Violation(at + ".key", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
            } else if (!keys.add(v.key())) {
                out.add(new Violation(at + ".key", "'" + v.key() + "' is used by another variant"));
            }
            if (v.weight() < 1 || v.weight() > 10_000) {
                out.add(new Violation(at + ".weight", "must be between 1 and 10000"));
            }
            controls += v.control() ? 1 : 0;
            instruction(out, at + ".instruction", v.instruction());
        }
        if (controls != 1) {
            out.add(new Violation("variants", "exactly one variant must be the control (found " + controls + ")"));
        }
    }

    private static void instruction(List<Violation> out, String at, HandlingInstruction instruction) {
        if (instruction == null) {
            out.add(new Violation(at, "must not be null"));
            return;
        }
        if (instruction.handling() == null) {
            out.add(new Violation(at + ".handling", "must be TAKE_TIME, STANDARD or EFFICIENT"));
        }
        Integer target = instruction.handleTimeTargetSeconds();
        if (target != null && (target < 1 || target > 7200)) {
            out.add(new Violation(at + ".handleTimeTargetSeconds", "must be between 1 and 7200"));
        }
        text(out, at + ".agentMessage", instruction.agentMessage(), 1, 500, true);
    }

    private static void eligibility(List<Violation> out, ExperimentDefinition d) {
        if (d.eligibility() == null) {
            out.add(new Violation("eligibility", "must not be null (empty lists mean everyone)"));
            return;
        }
        List<Channel> channels = d.eligibility().channels();
        // Null-safe checks: immutable lists throw on contains(null).
        if (channels == null || channels.stream().anyMatch(Objects::isNull)
                || channels.stream().distinct().count() != channels.size()) {
            out.add(new Violation("eligibility.channels", "must be a list of distinct channels"));
        }
        labels(out, "eligibility.contactReasons", d.eligibility().contactReasons(), 100, 200);
        labels(out, "eligibility.teams", d.eligibility().teams(), 100, 128);
        // Tier names as scoring publishes them (CustomerScored.valueTier).
        labels(out, "eligibility.valueTiers", d.eligibility().valueTiers(), 20, 32);
    }

    private static void labels(List<Violation> out, String at, List<String> values, int maxItems, int maxLength) {
        if (values == null || values.size() > maxItems) {
            out.add(new Violation(at, "must be a list of at most " + maxItems + " values"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.length() > maxLength || !LABEL.matcher(value).matches()) {
                out.add(new Violation(at + "[" + i + "]", "must be 1 to " + maxLength
                        + " characters with no control characters"));
            } else if (!seen.add(value)) {
                out.add(new Violation(at + "[" + i + "]", "'" + value + "' is listed twice"));
            }
        }
    }

    private static void metrics(List<Violation> out, List<ExperimentDefinition.Metric> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            out.add(new Violation("metrics", "must name at least the primary metric"));
            return;
        }
        Set<MetricKind> kinds = new HashSet<>();
        int primaries = 0;
        for (int i = 0; i < metrics.size(); i++) {
            String at = "metrics[" + i + "]";
            ExperimentDefinition.Metric m = metrics.get(i);
            if (m == null || m.kind() == null) {
                out.add(new Violation(at + ".kind", "must name a metric of the catalogue"));
                continue;
            }
            if (!kinds.add(m.kind())) {
                out.add(new Violation(at + ".kind", m.kind() + " is listed twice"));
            }
            if (m.role() == null) {
                out.add(new Violation(at + ".role", "must be PRIMARY, SECONDARY or GUARDRAIL"));
                continue;
            }
            primaries += m.role() == MetricRole.PRIMARY ? 1 : 0;
            boolean guardrail = m.role() == MetricRole.GUARDRAIL;
            Double allowed = m.allowedDegradation();
            if (guardrail && (allowed == null || !(allowed >= 0 && Double.isFinite(allowed)))) {
                out.add(new Violation(at + ".allowedDegradation", "a guardrail needs the largest worsening it"
                        + " accepts (0 or more, in the metric's unit)"));
            } else if (!guardrail && allowed != null) {
                out.add(new Violation(at + ".allowedDegradation", "applies to guardrails only"));
            }
        }
        if (primaries != 1) {
            out.add(new Violation("metrics", "exactly one metric must be PRIMARY (found " + primaries + ")"));
        }
    }

    private static void text(List<Violation> out, String field, String value, int min, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                out.add(new Violation(field, "must not be blank"));
            }
            return;
        }
        if (value.length() < min || value.length() > max) {
            out.add(new Violation(field, "must be " + min + " to " + max + " characters"));
        }
    }
}
