package io.cxvalue.reporting.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class CsvWriterTest {

    @Test
    void quotesSeparatorsQuotesAndLineBreaks() {
        assertEquals("plain", CsvWriter.cell("plain"));
        assertEquals("\"a,b\"", CsvWriter.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvWriter.cell("two\nlines"));
        assertEquals("", CsvWriter.cell(null));
    }

    @Test
    void defusesFormulasButKeepsNegativeNumbers() {
        assertEquals("'=1+1", CsvWriter.cell("=1+1"));
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)"));
        assertEquals("'+cmd", CsvWriter.cell("+cmd"));
        assertEquals("'-x", CsvWriter.cell("-x"));
        assertEquals("-0.25", CsvWriter.cell("-0.25"));
    }
}
