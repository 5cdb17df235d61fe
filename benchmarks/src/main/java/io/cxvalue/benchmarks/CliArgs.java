package io.cxvalue.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The option syntax and value checks the benchmarks share, so that both read their command line the same way. */
final class CliArgs {

    /** Sets the option {@code name} to {@code value}; false when there is no such option. */
    @FunctionalInterface
    interface Option {
        boolean set(String name, String value);
    }

    private CliArgs() {
    }

    /**
     * Reads {@code --name value} and {@code --name=value}; {@code flag} sets an option without a value and answers
     * whether it was one. -h/--help throws an exception with an empty message (the caller prints the usage).
     */
    static void parse(String[] args, Predicate<String> flag, Option option) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (flag.test(arg)) {
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            try {
                if (!option.set(arg, value)) {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + ": not a number: " + value);
            }
        }
    }

    /** A comma-separated subset of {@code all} ("all" names every one), in the order given. */
    static Set<String> phases(String value, List<String> all) {
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : value.split(",")) {
            String p = phase.strip();
            if (p.equals("all")) {
                phases.addAll(all);
            } else if (all.contains(p)) {
                phases.add(p);
            } else if (!p.isEmpty()) {
                throw new IllegalArgumentException("--phases: unknown phase '" + p + "' (use " + all + ")");
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("--phases: name at least one of " + all);
        }
        return phases;
    }

    static long positive(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return value;
    }

    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return value;
    }

    static long notNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
        return value;
    }

    /** A base URL without trailing slashes, so that paths can be appended. */
    static String baseUrl(String value) {
        return value.replaceAll("/+$", "");
    }
}
