package covert.model.middleware;

import covert.log.Json;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.ToolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Generations on disk, one JSON file per request, named by the SHA-256 of everything that determines the answer:
 * endpoint (provider and base URL), model, messages, tools and config (whose seed is per sample and epoch). The API
 * key is not part of the key, so a cache can be shared and committed without leaking it. Files are written to a
 * temporary name and moved into place, so a killed run never leaves a half-written entry.
 */
public final class ResponseCache {
    /** Map keys sorted, so that a request hashes the same in every JVM ({@code Map.of} order is randomised per run). */
    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL =
            Json.MAPPER.copy().enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private final Path dir;

    public ResponseCache(Path dir) {
        this.dir = dir;
    }

    public String key(String endpoint, String model, List<Message> messages, List<ToolSpec> tools, GenerateConfig config) {
        var parts = new LinkedHashMap<String, Object>();
        parts.put("endpoint", endpoint);
        parts.put("model", model);
        parts.put("messages", messages);
        parts.put("tools", tools);
        parts.put("config", config);
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(parts);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a request for the cache", e);
        }
    }

    public Optional<Generation> get(String key) {
        Path p = path(key);
        if (!Files.exists(p)) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(p.toFile(), Generation.class));
        } catch (IOException e) {
            return Optional.empty(); // a damaged entry is a miss; the fresh answer overwrites it
        }
    }

    public void put(String key, Generation g) {
        Path p = path(key);
        try {
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), key, ".tmp");
            Files.write(tmp, Json.MAPPER.writeValueAsString(g).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the response cache in " + dir, e);
        }
    }

    private Path path(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
