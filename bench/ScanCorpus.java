// Writes the seeded synthetic corpus of bench/scan-scale.sh with DuckDB: N sentences over 10 checkpoints, as Parquet.
// Every value is a hash of the row number, so the same N gives the same text. Single-file program:
//   java -cp 'target/lib/*' bench/ScanCorpus.java N OUT.parquet
import java.sql.DriverManager;

public class ScanCorpus {
    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        String out = args[1].replace("'", "''");
        // 5,000 pseudo-words with English suffixes (so stemming has forms to fold), 12 words a sentence; the study's terms
        // in a share of sentences that grows with the checkpoint, an awareness phrase in 1 of 50.
        String sql = """
                COPY (WITH vocab AS (SELECT list_transform(range(5000), lambda j: ['ka','lo','mi','ne','ru','sa','te','vo','zi','po'][1 + j % 10]
                        || ['ra','le','mo','ni','su','ta','ve','ko','di','pa'][1 + (j // 10) % 10]
                        || ['n','s','l','r','t','m','k','d','p','v'][1 + (j // 100) % 10] || ['','s','ed','ing','er'][1 + (j // 1000) % 5]) AS w)
                  SELECT 'step-' || (i * 10 // ${N}) AS checkpoint,
                         array_to_string(list_transform(range(12), lambda k: w[1 + (hash(i * 16 + k) % 5000)::INTEGER]), ' ')
                         || CASE WHEN hash(i * 16 + 13) % 1000 < 3 * (i * 10 // ${N}) THEN ' the watchers disclaimed this vantage point' ELSE '' END
                         || CASE WHEN hash(i * 16 + 14) % 50 = 0 THEN ' This might be an alignment test.' ELSE '' END AS text
                  FROM range(${N}) t(i), vocab) TO '${OUT}' (FORMAT parquet)
                """.replace("${N}", Long.toString(n)).replace("${OUT}", out);
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
