package io.csbridge.app.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.app.jobs.JobView;
import io.csbridge.app.jobs.Jobs;
import io.csbridge.json.Json;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.pipeline.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The shipped sample portfolio ({@code sample/portfolio.ndjson.gz}: 36 made-up accounts, a year of usage,
 * quarterly NPS answers, plan, ARR, seats and renewal dates, written by {@code scoring/src/main/sample/generate.py})
 * for a newcomer's first minutes: offered only while the database has received nothing, and imported through
 * the same path as an uploaded file ({@link UsageImports}), its year moved by whole days to end today.
 */
@ApplicationScoped
public class SampleData {

    static final String RESOURCE = "sample/portfolio.ndjson.gz";
    /** The sample's year ends here; loading moves it to end at the start of today (UTC). */
    static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    UsageImports imports;
    @Inject
    Jobs jobs;
    @Inject
    Pipeline pipeline;

    /** Whether "Load sample data" is offered: nothing received yet and no import running. */
    public boolean offered() {
        return new InboxStore(pipeline.database()).isEmpty()
                && jobs.newest(true, 20).stream().noneMatch(j -> j.running() && UsageImports.SOURCE.equals(j.source()));
    }

    /** Starts the sample's import. @throws UsageImports.UploadRefused 409 once data exists */
    public JobView load(String by) {
        if (!offered()) {
            throw new UsageImports.UploadRefused(409, "conflict", "sample data is offered only on an empty database");
        }
        return imports.upload(new ByteArrayInputStream(shifted()), true, by);
    }

    /** The sample, gzip, every timestamp moved so that its year ends at the start of today. */
    private byte[] shifted() {
        Instant today = pipeline.clock().instant().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        long days = ChronoUnit.DAYS.between(ANCHOR, today);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
                 OutputStream gz = new GZIPOutputStream(out)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(line);
                    m.put("timestamp", Instant.parse(m.get("timestamp").asText()).plus(days, ChronoUnit.DAYS).toString());
                    gz.write(Json.MAPPER.writeValueAsBytes(m));
                    gz.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample data", e);
        }
        return out.toByteArray();
    }
}
