package io.cxvalue.reporting.config;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Writes doubles with Jackson's shortest-representation writer (Schubfach) instead of {@code Double.toString}: a KPI
 * answer holds thousands of figures, and the JDK's conversion was the largest single cost of writing one.
 */
@Singleton
public class JsonOutputConfiguration implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().configure(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature(), true);
    }
}
