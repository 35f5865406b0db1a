package dev.notify.bench.jmh;

import dev.notify.bench.harness.JmhScore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs this package's JMH benchmarks briefly (one fork; with {@code quick} one 200 ms warm-up
 * and one 200 ms measurement, otherwise two 1 s warm-ups and three 1 s measurements) with JMH's
 * gc profiler, and returns their scores. The fork runs on this JVM's class path.
 */
public final class Micro {
  private Micro() {
  }

  /**
   * {@return the scores, one per benchmark and parameter}
   *
   * @param quick a smoke run
   * @throws RunnerException if JMH fails
   */
  public static List<JmhScore> run(boolean quick) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("dev\\.notify\\.bench\\.jmh\\..*Benchmark\\..*")
        .forks(1)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1))
        .measurementIterations(quick ? 1 : 3)
        .measurementTime(quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1))
        .timeUnit(TimeUnit.NANOSECONDS)
        .jvmArgsAppend("-Xmx1g")
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    Collection<RunResult> results = new Runner(options.build()).run();
    List<JmhScore> scores = new ArrayList<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      for (String key : r.getParams().getParamsKeys()) {
        params.append(params.length() == 0 ? "" : ",").append(key).append('=')
            .append(r.getParams().getParam(key));
      }
      if (params.length() > 0) {
        name += "(" + params + ")";
      }
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      scores.add(new JmhScore(name, primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore()));
    }
    return scores;
  }
}
