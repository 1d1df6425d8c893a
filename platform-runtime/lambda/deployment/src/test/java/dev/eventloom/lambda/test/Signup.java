package dev.eventloom.lambda.test;

public record Signup(String name, long sleepMillis) {
}
