package io.cxvalue.benchmarks;

import java.nio.file.Path;

/** The options naming the local stack (./cx passes them), with the same defaults in every benchmark. */
abstract class StackOptions {

    String ingestionUrl = "http://localhost:8081";
    String keycloakUrl = "http://localhost:8180";
    String realm = "cx-value";
    String clientId = "channel-gateway";
    String clientSecret = "channel-gateway-dev-secret";
    String bootstrap = "127.0.0.1:9092";
    Path pidDir;
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "cx-bench");

    /** Sets one of the stack's options; false when {@code name} is not one of them. */
    boolean setStackOption(String name, String value) {
        switch (name) {
            case "--ingestion-url" -> ingestionUrl = CliArgs.baseUrl(value);
            case "--keycloak-url" -> keycloakUrl = CliArgs.baseUrl(value);
            case "--realm" -> realm = value;
            case "--client-id" -> clientId = value;
            case "--client-secret" -> clientSecret = value;
            case "--bootstrap" -> bootstrap = value;
            case "--pid-dir" -> pidDir = Path.of(value);
            case "--work-dir" -> workDir = Path.of(value);
            default -> {
                return false;
            }
        }
        return true;
    }
}
