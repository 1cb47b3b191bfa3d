package covert.model.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.UserError;
import covert.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dollar prices per million tokens by {@code provider/model}, from the built-in table ({@code prices.json}) with a
 * user file layered on top. A model matches exactly or by the longest prefix, so {@code claude-sonnet-4-5-20250929}
 * gets {@code claude-sonnet-4}'s price. Input is priced without the cached part; cache reads and writes have their
 * own price (falling back to the input price), and reasoning tokens are output.
 */
public final class PriceTable {
    public record Price(double input, double output, Double cacheRead, Double cacheWrite) {
        double cost(Usage u) {
            double c = u.inputTokens() * input + u.outputTokens() * output;
            if (u.inputTokensCacheRead() != null) c += u.inputTokensCacheRead() * (cacheRead == null ? input : cacheRead);
            if (u.inputTokensCacheWrite() != null) c += u.inputTokensCacheWrite() * (cacheWrite == null ? input : cacheWrite);
            return c / 1_000_000.0;
        }
    }

    private final TreeMap<String, Price> prices;

    private PriceTable(TreeMap<String, Price> prices) {
        this.prices = prices;
    }

    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/covert/model/prices.json")) {
            return new PriceTable(parse(new ObjectMapper().readTree(in), new TreeMap<>()));
        } catch (IOException e) {
            throw new IllegalStateException("built-in price table unreadable", e);
        }
    }

    /** The built-in table with {@code file}'s entries added or replacing them; {@code file} may be null. */
    public static PriceTable load(Path file) {
        PriceTable base = builtIn();
        if (file == null) return base;
        try {
            return new PriceTable(parse(new ObjectMapper().readTree(Files.readString(file)), base.prices));
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read price table " + file + ": " + e.getMessage().split("\n")[0]);
        }
    }

    private static TreeMap<String, Price> parse(JsonNode root, TreeMap<String, Price> onto) {
        var out = new TreeMap<>(onto);
        JsonNode models = root.path("models");
        if (!models.isObject()) throw new IllegalArgumentException("expected {\"models\": {\"provider/model\": {\"input\": .., \"output\": ..}}}");
        for (Map.Entry<String, JsonNode> e : models.properties()) {
            JsonNode p = e.getValue();
            if (!p.path("input").isNumber() || !p.path("output").isNumber()) {
                throw new IllegalArgumentException(e.getKey() + " needs numeric input and output prices");
            }
            out.put(e.getKey(), new Price(p.get("input").asDouble(), p.get("output").asDouble(), num(p, "cache_read"), num(p, "cache_write")));
        }
        return out;
    }

    private static Double num(JsonNode p, String field) {
        return p.path(field).isNumber() ? p.get(field).asDouble() : null;
    }

    public Optional<Price> price(String model) {
        for (var e = prices.floorEntry(model); e != null; e = prices.lowerEntry(e.getKey())) {
            if (model.startsWith(e.getKey())) return Optional.of(e.getValue());
            if (!model.startsWith(e.getKey().substring(0, Math.min(e.getKey().indexOf('/') + 1, e.getKey().length())))) break;
        }
        return Optional.empty();
    }

    /** The dollar cost of {@code usage}, or null when the model has no price. */
    public Double cost(String model, Usage usage) {
        return price(model).map(p -> p.cost(usage)).orElse(null);
    }
}
