package io.cxvalue.ingestion.voice;

import io.cxvalue.contracts.events.CommentTerm;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The terms of a survey comment, which travel instead of its text: Lucene's standard tokenizer (Unicode word
 * boundaries), lower case, possessives dropped, stop words removed and Porter stemming, then every word and every
 * pair of adjacent words (not across a removed stop word or number). Words with digits (order numbers, postcodes,
 * phone numbers) and single letters are dropped, so the terms carry no reference numbers. Negations ("not",
 * "didn't") are kept: "not resolved" is a different theme from "resolved".
 *
 * <p>Thread-safe: Lucene's analyzer reuses its components per thread.
 */
public final class CommentTerms {

    /** At most this many terms per text (the event's limit). */
    public static final int MAX_TERMS = 64;
    private static final int MAX_WORD_LENGTH = 40;

    /** Lucene's English stop words without the negations, and the pronouns, auxiliaries and fillers of feedback. */
    private static final CharArraySet STOP_WORDS;

    static {
        // CharArraySet cannot remove: copy Lucene's list without the negations.
        CharArraySet stop = new CharArraySet(64, true);
        for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            String w = new String((char[]) word);
            if (!w.equals("no") && !w.equals("not")) {
                stop.add(w);
            }
        }
        stop.addAll(Set.of("i", "me", "my", "myself", "we", "our", "ours", "us", "you", "your", "yours", "he", "him",
                "his", "she", "her", "hers", "its", "them", "theirs", "what", "which", "who", "whom", "am", "were",
                "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "would", "should",
                "could", "can", "may", "might", "must", "shall", "from", "up", "down", "out", "off", "over", "again",
                "once", "here", "when", "where", "why", "how", "all", "any", "both", "each", "more", "most", "other",
                "some", "so", "than", "too", "very", "just", "also", "only", "own", "same", "about", "after",
                "before", "because", "while", "i'm", "i've", "i'd", "it's", "that's", "there's", "they're", "we're",
                "you're", "got", "get", "really", "still", "even", "much", "lot", "ok", "okay", "oh", "well",
                "please", "thanks", "thank", "hi", "hello", "dear", "one"));
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            stream = new EnglishPossessiveFilter(stream);
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    };

    private CommentTerms() {
    }

    /**
     * The text's terms, each key once with its first label, in the order first written; beyond {@value #MAX_TERMS}
     * the most frequent in the text (a transcript), ties to the first written.
     */
    public static List<CommentTerm> of(String comment) {
        if (comment == null || comment.isBlank()) {
            return List.of();
        }
        Map<String, Term> terms = new LinkedHashMap<>();
        String previousKey = null;
        String previousLabel = null;
        try (TokenStream stream = ANALYZER.tokenStream("comment", comment)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String key = term.toString();
                String label = comment.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT);
                boolean adjacent = increment.getPositionIncrement() == 1;
                if (!isWord(label)) {
                    previousKey = null;
                    continue;
                }
                count(terms, key, label);
                if (previousKey != null && adjacent) {
                    count(terms, previousKey + " " + key, previousLabel + " " + label);
                }
                previousKey = key;
                previousLabel = label;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        List<Term> kept = new ArrayList<>(terms.values());
        if (kept.size() > MAX_TERMS) {
            // Stable: equal counts keep the order written.
            kept.sort(Comparator.comparingInt((Term t) -> -t.count));
            kept = new ArrayList<>(kept.subList(0, MAX_TERMS));
            kept.sort(Comparator.comparingInt((Term t) -> t.first));
        }
        return kept.stream().map(t -> new CommentTerm(t.key, t.label)).toList();
    }

    /** A term's first label, how often it occurs and where it first did. */
    private static final class Term {
        final String key;
        final String label;
        final int first;
        int count;

        Term(String key, String label, int first) {
            this.key = key;
            this.label = label;
            this.first = first;
        }
    }

    private static void count(Map<String, Term> terms, String key, String label) {
        terms.computeIfAbsent(key, k -> new Term(k, label, terms.size())).count++;
    }

    private static boolean isWord(String word) {
        if (word.length() < 2 || word.length() > MAX_WORD_LENGTH) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
