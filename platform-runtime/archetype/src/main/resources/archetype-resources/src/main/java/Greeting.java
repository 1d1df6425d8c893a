package ${package};

/** The data of a greeting reply: {@code {"message":"Hello Ada"}}. */
public record Greeting(String message) {
}
