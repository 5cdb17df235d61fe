package io.cxvalue.reporting.rest;

import java.util.List;
import java.util.Map;

/**
 * A report that can answer as CSV ({@code Accept: text/csv}): a header row, then one row per item of the page, and
 * the answer's metadata (freshness, paging) as response headers, since a CSV file has no place for it.
 */
public interface CsvExport {

    List<String> csvHeader();

    List<List<String>> csvRows();

    /** Response headers for what the JSON answer says besides its rows. */
    Map<String, String> csvMetadata();
}
