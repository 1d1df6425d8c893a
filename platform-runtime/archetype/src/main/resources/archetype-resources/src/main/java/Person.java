package ${package};

/** The data of a greeting request: {@code {"name":"Ada"}}. */
public record Person(String name) {
}
