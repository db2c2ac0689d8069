package dev.voiceconsole.models;

import dev.voiceconsole.engine.InvalidModelException;
import dev.voiceconsole.engine.ModelValidator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The model files in the user's model directory, matched to the catalog where their names say which they are. */
public final class ModelStore {

    /** A model file present on disk. */
    public record InstalledModel(Path file, long sizeBytes, Optional<CatalogModel> catalog) {}

    /** What checking an installed file found. */
    public enum Verification {
        VERIFIED,
        UNVERIFIED,
        CHECKSUM_MISMATCH,
        NOT_A_MODEL
    }

    /**
     * What {@link #verify} found, and why.
     *
     * @param detail the reason for a failed check, or the checksum for a passed one
     */
    public record VerifyResult(Verification verification, String detail) {}

    private final Path directory;
    private final ModelCatalog catalog;

    public ModelStore(Path directory, ModelCatalog catalog) {
        this.directory = directory;
        this.catalog = catalog;
    }

    public Path directory() {
        return directory;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Every {@code *.bin} in the directory, by name; unfinished downloads ({@code .part}) are not models. */
    public List<InstalledModel> installed() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<InstalledModel> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.bin")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    out.add(new InstalledModel(
                            f, Files.size(f), catalog.find(f.getFileName().toString())));
                }
            }
        }
        out.sort(Comparator.comparing(m -> m.file().getFileName().toString()));
        return out;
    }

    public Optional<InstalledModel> find(String name) throws IOException {
        return installed().stream()
                .filter(m -> m.file().getFileName().toString().equals(name)
                        || m.catalog().map(c -> c.name().equals(name)).orElse(false))
                .findFirst();
    }

    /** The ggml format always; the published checksum when the catalog has one for this file. */
    public VerifyResult verify(Path file) throws IOException {
        try {
            ModelValidator.validate(file);
        } catch (InvalidModelException e) {
            return new VerifyResult(Verification.NOT_A_MODEL, e.getMessage());
        }
        Optional<Checksum> expected =
                catalog.find(file.getFileName().toString()).flatMap(CatalogModel::checksum);
        if (expected.isEmpty()) {
            return new VerifyResult(Verification.UNVERIFIED, "no published checksum for " + file.getFileName());
        }
        Checksum actual = expected.get().of(file);
        return actual.equals(expected.get())
                ? new VerifyResult(Verification.VERIFIED, actual.toString())
                : new VerifyResult(
                        Verification.CHECKSUM_MISMATCH, "expected " + expected.get() + ", got " + actual.hex());
    }

    /**
     * Deletes an installed model by file or catalog name.
     *
     * @return whether there was such a model (a leftover partial download of it is removed too)
     */
    public boolean remove(String name) throws IOException {
        Optional<InstalledModel> model = find(name);
        Optional<Path> part = catalog.find(name).map(c -> directory.resolve(c.fileName() + ".part"));
        boolean removedPart = part.isPresent() && Files.deleteIfExists(part.get());
        if (model.isEmpty()) {
            return removedPart;
        }
        Files.delete(model.get().file());
        return true;
    }
}
