package io.cxvalue.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system user PostgreSQL runs as. PostgreSQL refuses to run as root, so a root caller (CI runs as root)
 * runs every PostgreSQL program as the unprivileged user {@code nobody}, through util-linux's {@code setpriv}, and
 * hands it the data folder. Any other caller runs them as itself.
 */
public record ServerUser(String name, int uid, int gid, boolean switches) {

    private static final ServerUser CURRENT = detect();

    public static ServerUser forCurrentProcess() {
        return CURRENT;
    }

    /** The command run as this user: unchanged, or behind setpriv with this user's ids and no extra groups. */
    public List<String> wrap(List<String> command) {
        if (!switches) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code path} to this user (nothing when no switch is needed). */
    public void own(Path path) throws IOException {
        if (switches) {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static ServerUser detect() {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        if (uid != 0) {
            return new ServerUser(System.getProperty("user.name"), (int) uid, -1, false);
        }
        return unprivileged();
    }

    /** {@code nobody} from /etc/passwd (uid and primary group), 65534 where the file does not say. */
    static ServerUser unprivileged() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals("nobody")) {
                    return new ServerUser("nobody", Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), true);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the conventional ids
        }
        return new ServerUser("nobody", 65534, 65534, true);
    }
}
