package io.cxvalue.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** The project's own PostgreSQL, started from the Maven Central binaries as a test JVM's throwaway cluster. */
class ThrowawayClusterTest {

    private final ThrowawayCluster cluster = ThrowawayCluster.shared();

    @Test
    void aDatabaseIsCreatedUsedAndDropped() throws SQLException {
        PostgresAdmin admin = cluster.admin();
        assertTrue(admin.createDatabaseIfMissing("cx_cluster_test"));
        assertFalse(admin.createDatabaseIfMissing("cx_cluster_test"), "a second create finds the database");
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl("cx_cluster_test"),
                PostgresCluster.SUPERUSER, ThrowawayCluster.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES (1), (2)");
            try (ResultSet rows = statement.executeQuery("SELECT count(*), current_setting('server_version_num') FROM t")) {
                rows.next();
                assertEquals(2, rows.getInt(1));
                assertTrue(rows.getInt(2) >= 170000, "PostgreSQL 17 from the Maven Central binaries");
            }
        }
        admin.dropDatabase("cx_cluster_test");
        assertTrue(admin.createDatabaseIfMissing("cx_cluster_test"), "dropped, so created again");
        admin.dropDatabase("cx_cluster_test");
    }

    @Test
    void loginsNeedThePassword() {
        assertThrows(SQLException.class, () -> DriverManager.getConnection(
                cluster.admin().jdbcUrl("postgres"), PostgresCluster.SUPERUSER, "wrong").close());
    }

    @Test
    void listensOnLoopbackOnlyWithDurabilityOff() {
        assertEquals("off", cluster.admin().setting("fsync"));
        assertEquals("on", cluster.admin().setting("autovacuum"));
        assertEquals("127.0.0.1", cluster.admin().setting("listen_addresses"));
        assertEquals("", cluster.admin().setting("unix_socket_directories"));
    }

    /** PostgreSQL refuses root: run as root (CI does), the server is nobody's, and so is its data folder. */
    @Test
    void theServerNeverRunsAsRoot() throws IOException {
        long serverUid = uidOf(cluster.serverProcess().pid());
        long myUid = new com.sun.security.auth.module.UnixSystem().getUid();
        assertNotEquals(0, serverUid, "the server runs as an unprivileged user");
        if (myUid == 0) {
            assertEquals(ServerUser.unprivileged().uid(), serverUid);
            assertEquals(serverUid, ((Integer) Files.getAttribute(cluster.home().resolve("data"), "unix:uid")).longValue());
        } else {
            assertEquals(myUid, serverUid);
        }
    }

    @Test
    void unpackingAgainIsANoOpAndACompleteFolderOrNone() throws IOException {
        Path binaries = cluster.home().resolve("binaries");
        Path postgres = binaries.resolve("bin/postgres");
        var before = Files.getLastModifiedTime(postgres);
        PostgresBinaries.unpack(binaries);
        assertEquals(before, Files.getLastModifiedTime(postgres), "already unpacked: left as it is");
        try (var siblings = Files.list(binaries.getParent())) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".unpacking-")));
        }
    }

    private static long uidOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.split("\\s+")[2]); // real, effective, saved, filesystem
            }
        }
        throw new IllegalStateException("no Uid line for pid " + pid);
    }
}
