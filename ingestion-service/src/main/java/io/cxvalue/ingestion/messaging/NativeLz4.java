package io.cxvalue.ingestion.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Lets the outbox producer compress its batches (compression.type=lz4) with lz4-java's native LZ4 instead of the
 * pure-Java one.
 * <p>
 * Kafka takes {@link LZ4Factory#fastestInstance()} for every record batch. lz4-java only picks its native library
 * there once that library is loaded, or when lz4-java sits on the system class loader, which under Quarkus's runtime
 * class loader it does not; and since lz4-java 1.10 its "unsafe" Java instance is the safe one (CVE-2025-12183). So
 * every batch went through {@code LZ4JavaSafeCompressor}, several times slower than the native compressor (about a
 * tenth of ingestion's CPU in {@code ./cx bench ingestion}). Loading the native library at startup makes
 * {@code fastestInstance()} return the native instance. Where it cannot be loaded (a platform lz4-java ships no
 * library for, or a class loader that already loaded it, as on a dev-mode restart) the producer keeps the Java one.
 */
@ApplicationScoped
public class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    void onStart(@Observes StartupEvent event) {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable e) {
            LOG.infof("lz4 compression stays on lz4-java's Java implementation: the native library cannot be "
                    + "loaded (%s)", e.toString());
        }
    }
}
