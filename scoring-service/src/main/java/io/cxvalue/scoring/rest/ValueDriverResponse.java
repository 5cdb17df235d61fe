package io.cxvalue.scoring.rest;

import io.cxvalue.scoring.model.value.ValueDriverReport;
import io.cxvalue.scoring.repository.ValueDriverRepository;

import java.time.Instant;
import java.util.List;

/** An analysis of what moves customer value, as kept. */
public record ValueDriverResponse(String id, Instant analysedAt, ValueDriverReport.Period period,
        ValueDriverReport.Fit fit, List<ValueDriverReport.Driver> drivers, List<ValueDriverReport.Factor> factors,
        List<String> assumptions, String currency) {

    static ValueDriverResponse of(ValueDriverRepository.Stored stored) {
        ValueDriverReport r = stored.report();
        return new ValueDriverResponse(stored.id(), stored.analysedAt(), r.period(), r.fit(), r.drivers(),
                r.factors(), r.assumptions(), r.currency());
    }
}
