package covert.world;

/** One difference between two World states, as shown in logs and evidence. */
public record Change(String area, String op, String key, String detail) {
    @Override
    public String toString() {
        return area + " " + op + " " + key + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
