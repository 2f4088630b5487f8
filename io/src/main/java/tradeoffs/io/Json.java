package tradeoffs.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import tradeoffs.theory.ParameterException;

/**
 * The project's one JSON and YAML configuration: sorted map keys, indented output; strict reading
 * (a duplicate key or content after the value is an error, never "the last one wins" or "the
 * rest is ignored").
 */
public final class Json {
    /** Shared JSON mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Shared YAML mapper for configuration files (strict like {@link #MAPPER}; see {@link #parse} for aliases). */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** Pretty JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Whether {@code file} is read as YAML: its name ends in .yaml or .yml. */
    public static boolean isYaml(Path file) {
        String name =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * The tree of a user's JSON file, or YAML for {@code .yaml}/{@code .yml}, read with
     * {@link InputFile#readText} and {@link #parse}; every problem is a {@link ParameterException}
     * about {@code parameter}.
     */
    public static JsonNode readFile(String parameter, Path file) {
        return parse(parameter, file.toString(), InputFile.readText(parameter, file), isYaml(file));
    }

    /**
     * Parses {@code text} strictly: a duplicate key, content after the value (a second YAML
     * document included) and a YAML alias ({@code *name}, which Jackson would read as the string
     * "name" instead of the anchored value) are refused. Errors name {@code parameter}, the
     * source and the line.
     */
    public static JsonNode parse(String parameter, String source, String text, boolean yaml) {
        ObjectMapper mapper = yaml ? YAML : MAPPER;
        String kind = yaml ? "YAML" : "JSON";
        try {
            if (yaml) {
                try (JsonParser p = YAML.getFactory().createParser(text)) {
                    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                            throw new ParameterException(
                                    parameter,
                                    "must be YAML without anchors and aliases (write the value out)",
                                    source + ": alias *" + p.getText() + at(p.currentLocation()));
                        }
                    }
                }
            }
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new ParameterException(parameter, "must hold a " + kind + " object", source + ": empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ParameterException(parameter, "must be valid " + kind, source + ": " + describe(e));
        } catch (IOException e) {
            throw new ParameterException(parameter, "must be valid " + kind, source + ": " + e.getMessage());
        }
    }

    /** A parser's complaint in one short line, with its line and column. */
    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        m = m.lines().findFirst().orElse("");
        if (m.startsWith("Duplicate field ")) {
            m = "duplicate key " + m.substring("Duplicate field ".length());
        } else if (m.startsWith("Trailing token")) {
            m = "content after the end of the value";
        }
        int cut = m.indexOf(" (for ");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        return m + at(e.getLocation());
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }
}
