package io.csbridge.bench;

import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.health.InputConfig;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one event costs the pipeline's scoring step: the account's history is re-sorted with the new
 * signal and the account rescored as of now (the database round trips are measured elsewhere).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class SingleAccountBenchmark {

    @Param({"100", "1000"})
    int events;

    ModelScorer scorer;
    AccountHistory history;
    List<Signal> signals;
    Signal next;

    static ModelScorer scorer() {
        ScoringConfig config = ScoringConfig.defaults()
                .withInputs(new InputConfig(List.of("Report Built", "Dashboard Shared", "Alert Created", "Export Run"), 14, 180));
        return new ModelScorer(config);
    }

    @Setup
    public void setUp() {
        scorer = scorer();
        signals = SyntheticBook.signals(7, events, 1);
        history = new AccountHistory(SyntheticBook.profile(7), signals);
        next = new Signal(signals.get(0).account(), SignalKind.PRODUCT_EVENT, SyntheticBook.NOW.minusSeconds(30),
                "Report Built", "u2", Double.NaN, Map.of());
    }

    @Benchmark
    public AccountScore scoreOneAccount() {
        return scorer.score(history, SyntheticBook.NOW);
    }

    @Benchmark
    public AccountScore applyOneEvent() {
        List<Signal> withNext = new ArrayList<>(signals.size() + 1);
        withNext.addAll(signals);
        withNext.add(next);
        return scorer.score(new AccountHistory(history.profile(), withNext), SyntheticBook.NOW);
    }
}
