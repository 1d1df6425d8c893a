package dev.eventloom.core.runtime;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Turns the type names the build records ({@code int}, {@code com.acme.Order[]},
 * {@code java.util.Map<java.lang.String, com.acme.Item>}) into Jackson types.
 */
final class JavaTypes {

    private JavaTypes() {
    }

    static JavaType parse(TypeFactory factory, String name, ClassLoader loader) {
        Parser parser = new Parser(factory, name.replace(" ", ""), loader);
        JavaType type = parser.type();
        if (parser.position != parser.text.length()) {
            throw new IllegalArgumentException("Cannot read the type name '" + name + "'");
        }
        return type;
    }

    private static final class Parser {
        final TypeFactory factory;
        final String text;
        final ClassLoader loader;
        int position;

        Parser(TypeFactory factory, String text, ClassLoader loader) {
            this.factory = factory;
            this.text = text;
            this.loader = loader;
        }

        JavaType type() {
            if (text.startsWith("?extends", position)) {
                position += "?extends".length();
            } else if (text.startsWith("?super", position)) {
                position += "?super".length();
            } else if (text.startsWith("?", position)) {
                position++;
                return factory.constructType(Object.class);
            }
            int start = position;
            while (position < text.length() && "<>,[".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            Class<?> raw = load(text.substring(start, position));
            JavaType type;
            if (position < text.length() && text.charAt(position) == '<') {
                position++;
                List<JavaType> arguments = new ArrayList<>();
                arguments.add(type());
                while (text.charAt(position) == ',') {
                    position++;
                    arguments.add(type());
                }
                position++; // '>'
                type = factory.constructParametricType(raw, arguments.toArray(JavaType[]::new));
            } else {
                type = factory.constructType(raw);
            }
            while (text.startsWith("[]", position)) {
                position += 2;
                type = factory.constructArrayType(type);
            }
            return type;
        }

        Class<?> load(String className) {
            return switch (className) {
                case "boolean" -> boolean.class;
                case "byte" -> byte.class;
                case "char" -> char.class;
                case "short" -> short.class;
                case "int" -> int.class;
                case "long" -> long.class;
                case "float" -> float.class;
                case "double" -> double.class;
                default -> {
                    try {
                        yield Class.forName(className, false, loader);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("Class " + className + " of a function's input is not available", e);
                    }
                }
            };
        }
    }
}
