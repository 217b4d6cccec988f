package io.csbridge.admin.backfills;

import io.csbridge.app.jobs.JobView;
import io.csbridge.app.jobs.Jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backfill or import as CONTRACT §5 shows it: {@code id} (a string), {@code source}, {@code state},
 * {@code processed}, {@code startedAt}, {@code finishedAt}, {@code error}; besides, the progress bar
 * ({@code progress.done} of {@code progress.total}, -1 unknown), the kind's counts, who started it, the node
 * running it, and for an import the first 100 {@code rejected} lines.
 */
final class BackfillJson {

    private BackfillJson() {
    }

    static Map<String, Object> of(JobView job, Jobs jobs, boolean withRejections) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(job.id()));
        out.put("source", job.source());
        out.put("state", job.state());
        out.put("processed", job.processed());
        out.put("startedAt", job.startedAt());
        out.put("finishedAt", job.finishedAt());
        out.put("error", job.error());
        out.put("startedBy", job.startedBy());
        out.put("progress", Map.of("done", job.workDone(), "total", job.workTotal()));
        out.put("counts", job.counts());
        // A backfill's own counts (fresh: new to the inbox; skipped) also at the top, as the list shows them.
        job.counts().forEach(out::putIfAbsent);
        out.put("cancelRequested", job.cancelRequested());
        out.put("node", job.node());
        if (withRejections) {
            List<Map<String, Object>> rejected = jobs.rejections(job.id(), 100).stream()
                    .map(r -> Map.<String, Object>of("line", r.item(), "error", r.error())).toList();
            out.put("rejected", rejected);
        }
        return out;
    }
}
