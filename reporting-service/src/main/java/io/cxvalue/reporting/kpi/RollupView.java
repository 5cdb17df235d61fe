package io.cxvalue.reporting.kpi;

import io.cxvalue.reporting.contact.ContactFact;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A way the pre-aggregated rollups of a team cut its contacts: not at all, by one dimension, or by all of them (the
 * cube, which answers any filter). A query reads the smallest view that holds its grouping and filters.
 */
public enum RollupView {
    ALL(),
    AGENT(Dimension.AGENT),
    CHANNEL(Dimension.CHANNEL),
    REASON(Dimension.REASON),
    DEPARTMENT(Dimension.DEPARTMENT),
    CAMPAIGN(Dimension.CAMPAIGN),
    CUBE(Dimension.AGENT, Dimension.CHANNEL, Dimension.REASON, Dimension.DEPARTMENT, Dimension.CAMPAIGN);

    private final List<Dimension> dimensions;

    RollupView(Dimension... dimensions) {
        this.dimensions = List.of(dimensions);
    }

    /** The dimensions a cell of this view is keyed by, in key order (team is the rollup's own key). */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The values of {@code contact} for this view's dimensions (nulls kept). */
    public List<String> cellKey(ContactFact contact) {
        return Arrays.asList(dimensions.stream().map(d -> d.value(contact)).toArray(String[]::new));
    }

    /** The smallest view keyed by every dimension in {@code needed} (team needs none). */
    public static RollupView covering(Collection<Dimension> needed) {
        Set<Dimension> rest = needed.isEmpty() ? EnumSet.noneOf(Dimension.class) : EnumSet.copyOf(needed);
        rest.remove(Dimension.TEAM);
        Optional<RollupView> view = Arrays.stream(values())
                .filter(v -> v.dimensions.containsAll(rest))
                .findFirst();
        return view.orElse(CUBE);
    }
}
