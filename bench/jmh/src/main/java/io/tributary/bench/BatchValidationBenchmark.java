package io.tributary.bench;

import io.tributary.protocol.records.BatchValidator;
import io.tributary.protocol.records.ValidationPolicy;
import io.tributary.protocol.records.ValidationResult;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validates one valid batch of 16 records with 100-byte values per operation, as the produce path
 * does for each partition of a Produce request. Compressed batches are built by kafka-clients 4.4.0
 * as a Java producer builds them, and validation decompresses every record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BatchValidationBenchmark {

    private static final int RECORDS = 16;
    private static final int VALUE_BYTES = 100;

    /** The batch's {@code compression.type}. */
    @Param({"none", "gzip", "lz4", "zstd"})
    public String codec;

    private final BatchValidator validator = new BatchValidator();
    private final ValidationPolicy policy = ValidationPolicy.defaults();
    private ByteBuffer batch;

    @Setup(Level.Trial)
    public void buildBatch() {
        batch = "none".equals(codec) ? BenchData.batch(RECORDS, VALUE_BYTES)
                : BenchData.compressedBatch(codec, RECORDS, VALUE_BYTES);
        ValidationResult result = validate();
        if (!result.isValid()) {
            throw new IllegalStateException("The " + codec + " batch is invalid: " + result.errorMessage());
        }
    }

    @Benchmark
    public ValidationResult validate() {
        return validator.validate(batch, policy, "bench-0", BatchValidator.LATEST_PRODUCE_VERSION);
    }
}
