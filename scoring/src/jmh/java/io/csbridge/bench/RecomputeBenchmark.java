package io.csbridge.bench;

import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.signal.Signal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A full recompute of every account from its events (sort each history, score it as of now), and an
 * as-of query (score every account as it stood 90 days ago), on all cores. 100 events per account:
 * 100,000 accounts is 10 million events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class RecomputeBenchmark {

    static final int EVENTS_PER_ACCOUNT = 100;

    @Param({"10000", "100000"})
    int accounts;

    ModelScorer scorer;
    AccountProfile[] profiles;
    List<Signal>[] events;
    AccountHistory[] histories;

    @SuppressWarnings("unchecked")
    @Setup(Level.Trial)
    public void setUp() {
        scorer = SingleAccountBenchmark.scorer();
        profiles = new AccountProfile[accounts];
        events = new List[accounts];
        histories = new AccountHistory[accounts];
        IntStream.range(0, accounts).parallel().forEach(i -> {
            profiles[i] = SyntheticBook.profile(i);
            events[i] = SyntheticBook.signals(i, EVENTS_PER_ACCOUNT, 42);
            histories[i] = new AccountHistory(profiles[i], events[i]);
        });
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%n[setup] %d accounts, %d events; heap in use after GC: %d MiB "
                        + "(events held twice: raw and sorted histories)%n",
                accounts, (long) accounts * EVENTS_PER_ACCOUNT, used >> 20);
    }

    /** Every account rebuilt from its (unsorted) events and scored as of now. */
    @Benchmark
    public long fullRecompute() {
        Instant now = SyntheticBook.NOW;
        return IntStream.range(0, accounts).parallel()
                .mapToLong(i -> scorer.score(new AccountHistory(profiles[i], events[i]), now).healthScore())
                .sum();
    }

    /** Every account scored as it stood 90 days ago, from the events stamped up to then. */
    @Benchmark
    public long asOfQuery() {
        Instant asOf = SyntheticBook.NOW.minus(Duration.ofDays(90));
        return IntStream.range(0, accounts).parallel()
                .mapToLong(i -> {
                    AccountScore s = scorer.score(histories[i], asOf);
                    return s.healthScore() + s.churnRisk();
                })
                .sum();
    }
}
