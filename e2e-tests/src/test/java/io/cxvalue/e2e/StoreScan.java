package io.cxvalue.e2e;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * Reads the services' stores directly, around their APIs, for a set of strings: every row of every table of the
 * PostgreSQL databases and every document of every collection of the MongoDB databases, as text, compared
 * case-insensitively. What an erasure must leave behind is proved by what this finds, not by what the services say.
 */
final class StoreScan {

    /** Where a needle was found: {@code store/table-or-collection} and the needles in it. */
    record Finding(String where, List<String> needles) {
        @Override
        public String toString() {
            return where + " holds " + needles;
        }
    }

    private StoreScan() {
    }

    /** Every table of every schema but PostgreSQL's own, each row as its text form. */
    static List<Finding> postgres(String host, int port, String database, String user, String password,
            List<String> needles) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement list = connection.prepareStatement("""
                    select format('%I.%I', table_schema, table_name) from information_schema.tables
                    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                    order by 1""");
                    ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("database " + database + " has no tables: wrong database?");
            }
            Array lowered = connection.createArrayOf("text",
                    needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray());
            for (String table : tables) {
                // strpos, not LIKE: a needle's '_' or '%' is a character, not a pattern
                try (PreparedStatement find = connection.prepareStatement("select distinct needle.text from " + table
                        + " t, unnest(?::text[]) as needle(text) where strpos(lower(t::text), needle.text) > 0"
                        + " order by 1")) {
                    find.setArray(1, lowered);
                    List<String> found = new ArrayList<>();
                    try (ResultSet rows = find.executeQuery()) {
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                    }
                    if (!found.isEmpty()) {
                        findings.add(new Finding(database + "/" + table, found));
                    }
                }
            }
        }
        return findings;
    }

    /**
     * A document as its JSON, followed by the bytes of each of its binary values read as text: a service may pack
     * strings into a binary value (reporting's comment terms), which the JSON shows only in base64.
     */
    static String searchable(Document document) {
        StringBuilder text = new StringBuilder(document.toJson());
        appendBinaries(document, text);
        return text.toString();
    }

    private static void appendBinaries(Object value, StringBuilder text) {
        if (value instanceof Binary binary) {
            text.append('\n').append(new String(binary.getData(), StandardCharsets.UTF_8));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> appendBinaries(v, text));
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> appendBinaries(v, text));
        }
    }

    /** Every collection of the given MongoDB databases, each document as {@link #searchable} text. */
    static List<Finding> mongo(String connectionString, List<String> databases, List<String> needles) {
        List<Finding> findings = new ArrayList<>();
        try (MongoClient client = MongoClients.create(connectionString)) {
            for (String name : databases) {
                MongoDatabase database = client.getDatabase(name);
                List<String> collections = database.listCollectionNames().into(new ArrayList<>());
                if (collections.isEmpty()) {
                    throw new IllegalStateException("database " + name + " has no collections: wrong database?");
                }
                for (String collection : collections) {
                    List<String> found = new ArrayList<>();
                    for (Document document : database.getCollection(collection).find()) {
                        String text = searchable(document).toLowerCase(Locale.ROOT);
                        for (String needle : needles) {
                            String lowered = needle.toLowerCase(Locale.ROOT);
                            if (text.contains(lowered) && !found.contains(lowered)) {
                                found.add(lowered);
                            }
                        }
                    }
                    if (!found.isEmpty()) {
                        findings.add(new Finding(name + "/" + collection, found));
                    }
                }
            }
        }
        return findings;
    }
}
