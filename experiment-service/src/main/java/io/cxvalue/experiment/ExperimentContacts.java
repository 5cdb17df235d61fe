package io.cxvalue.experiment;

import java.util.Comparator;
import java.util.List;

/**
 * The contacts observed under each variant of an experiment, variants in name order.
 */
public record ExperimentContacts(String experimentId, List<VariantContacts> variants) {

    public ExperimentContacts {
        // Code-point order, so the answer does not depend on the database's collation.
        variants = variants.stream().sorted(Comparator.comparing(VariantContacts::variant)).toList();
    }

    /** Contacts over all variants. */
    public long total() {
        return variants.stream().mapToLong(VariantContacts::contacts).sum();
    }
}
