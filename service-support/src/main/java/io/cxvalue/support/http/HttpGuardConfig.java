package io.cxvalue.support.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The request limits every service enforces with a problem document (see {@link RequestGuards}). */
@ConfigMapping(prefix = "cx.http")
public interface HttpGuardConfig {

    /** Longest request target (path and query) in characters. */
    @WithDefault("8192")
    int maxRequestTarget();

    /** Most bytes of request headers (names, values and separators). */
    @WithDefault("16384")
    int maxHeaderBytes();

    /** Largest body a request may declare; the server's own limit, which ingestion lowers per endpoint. */
    @WithName("max-body-bytes")
    @WithDefault("${quarkus.http.limits.max-body-size:10M}")
    MemorySize maxBody();

    default long maxBodyBytes() {
        return maxBody().asLongValue();
    }
}
