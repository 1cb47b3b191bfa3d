package covert.run;

import covert.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One of {@code count} parts of a run ({@code --shard index/count}, index from 1): the (sample, epoch) pairs at plan
 * positions {@code index-1}, {@code index-1+count}, ... The plan follows from the run config alone, so n machines
 * given the same config and shards 1..n run each pair exactly once, and every pair keeps its unsharded seed.
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || index < 1 || index > count) throw new UserError("--shard must be i/n with 1 <= i <= n, got " + index + "/" + count);
    }

    public static Shard parse(String s) {
        var m = FORM.matcher(s.strip());
        if (!m.matches()) throw new UserError("--shard must be i/n (e.g. 2/8), got '" + s + "'");
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** This shard's part of a plan; {@code shard} null means the whole plan. */
    public static <T> List<T> select(Shard shard, List<T> plan) {
        if (shard == null) return plan;
        var out = new ArrayList<T>();
        for (int i = shard.index() - 1; i < plan.size(); i += shard.count()) out.add(plan.get(i));
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
