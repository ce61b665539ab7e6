package meridian.server.jepsen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary of a matrix of runs: a table on the console and {@code summary.json}. */
public final class MatrixReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MatrixReport() {}

  public static void print(List<JepsenRun.Result> results, PrintWriter out) {
    String format = "%-12s %-22s %-8s %9s %7s %7s %7s %7s  %s%n";
    out.printf(format, "workload", "nemesis", "valid", "anomalies", "ok", "fail", "info", "took", "first anomaly");
    for (JepsenRun.Result r : results) {
      out.printf(format, r.workload(), r.nemesis(), r.valid(), r.anomalies(), r.ok(), r.fail(), r.info(), r.took().toSeconds() + " s",
          r.firstAnomaly().length() > 80 ? r.firstAnomaly().substring(0, 80) + "..." : r.firstAnomaly());
    }
    long bad = results.stream().filter(r -> !r.valid().equals("true")).count();
    out.printf("%d of %d runs valid%n", results.size() - bad, results.size());
    out.flush();
  }

  public static void write(List<JepsenRun.Result> results, Path file) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JepsenRun.Result r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workload", r.workload());
      row.put("nemesis", r.nemesis());
      row.put("valid", r.valid());
      row.put("anomalies", r.anomalies());
      row.put("first_anomaly", r.firstAnomaly());
      row.put("ok", r.ok());
      row.put("fail", r.fail());
      row.put("info", r.info());
      row.put("took_seconds", r.took().toSeconds());
      row.put("dir", r.dir().toString());
      rows.add(row);
    }
    try {
      JSON.writeValue(file.toFile(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
