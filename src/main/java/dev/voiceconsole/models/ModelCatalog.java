package dev.voiceconsole.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standard whisper.cpp models: names, download locations, published sizes and checksums, from the bundled
 * {@code catalog.json} (its {@code _source} says where each value comes from).
 */
public final class ModelCatalog {

    private final List<CatalogModel> models;
    private final Optional<String> recommended;

    public ModelCatalog(List<CatalogModel> models) {
        this(models, Optional.empty());
    }

    /**
     * A catalog of these models.
     *
     * @param recommended the name of the model offered first (first run); it must be one of {@code models}
     */
    public ModelCatalog(List<CatalogModel> models, Optional<String> recommended) {
        this.models = List.copyOf(models);
        this.recommended = recommended;
        recommended.ifPresent(name -> {
            if (find(name).isEmpty()) {
                throw new IllegalArgumentException("the recommended model " + name + " is not in the catalog");
            }
        });
    }

    /** The bundled catalog, downloading from its own locations. */
    public static ModelCatalog standard() {
        return standard(Optional.empty());
    }

    /**
     * The bundled catalog; with a mirror, every file is fetched from {@code mirror/ggml-NAME.bin} instead (an
     * organisation's own copy, or a test server).
     */
    public static ModelCatalog standard(Optional<URI> mirror) {
        try (InputStream in = ModelCatalog.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog.json missing from the application");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            String base = mirror.map(URI::toString)
                    .orElse(root.get("base_url").asText())
                    .replaceAll("/+$", "");
            List<CatalogModel> list = new ArrayList<>();
            for (JsonNode m : root.get("models")) {
                String name = m.get("name").asText();
                String url = mirror.isEmpty() && m.has("url") ? m.get("url").asText() : base + "/ggml-" + name + ".bin";
                list.add(new CatalogModel(
                        name,
                        URI.create(url),
                        Optional.ofNullable(m.get("disk")).map(JsonNode::asText),
                        Optional.ofNullable(m.get("sha1")).map(h -> new Checksum("SHA-1", h.asText()))));
            }
            return new ModelCatalog(
                    list, Optional.ofNullable(root.get("recommended")).map(JsonNode::asText));
        } catch (IOException e) {
            throw new UncheckedIOException("catalog.json cannot be read", e);
        }
    }

    public List<CatalogModel> models() {
        return models;
    }

    /** The model a new user is offered first. */
    public Optional<CatalogModel> recommended() {
        return recommended.flatMap(this::find);
    }

    /** By name ("base.en") or file name ("ggml-base.en.bin"). */
    public Optional<CatalogModel> find(String nameOrFile) {
        return models.stream()
                .filter(m -> m.name().equals(nameOrFile) || m.fileName().equals(nameOrFile))
                .findFirst();
    }
}
