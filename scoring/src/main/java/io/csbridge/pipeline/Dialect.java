package io.csbridge.pipeline;

/** The two databases CS Bridge runs on, and the few places their SQL differs. */
public enum Dialect {
    H2, POSTGRESQL;

    public static Dialect fromProductName(String productName) {
        return productName.toLowerCase().contains("postgres") ? POSTGRESQL : H2;
    }

    /**
     * An insert that silently does nothing when the unique key already exists; the update count
     * tells which rows were new. {@code columns} are the inserted columns, {@code key} the unique key.
     */
    public String insertIgnoring(String table, String columns, String key) {
        String[] names = columns.split("\\s*,\\s*");
        String placeholders = "?" + ",?".repeat(names.length - 1);
        if (this == POSTGRESQL) {
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ") ON CONFLICT ("
                    + key + ") DO NOTHING";
        }
        StringBuilder on = new StringBuilder();
        for (String k : key.split("\\s*,\\s*")) {
            if (!on.isEmpty()) on.append(" AND ");
            on.append("t.").append(k).append(" = s.").append(k);
        }
        StringBuilder sourceColumns = new StringBuilder();
        for (String n : names) {
            if (!sourceColumns.isEmpty()) sourceColumns.append(", ");
            sourceColumns.append("s.").append(n);
        }
        return "MERGE INTO " + table + " t USING (VALUES (" + placeholders + ")) s (" + columns + ") ON " + on
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + sourceColumns + ")";
    }

    /** Claiming rows so that two nodes on one database never take the same ones. */
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }
}
