package tradeoffs.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The project's one JSON and YAML configuration: sorted map keys, indented output. */
public final class Json {
    /** Shared JSON mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Shared YAML mapper for configuration files. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Json() {
    }

    /** Pretty JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }
}
