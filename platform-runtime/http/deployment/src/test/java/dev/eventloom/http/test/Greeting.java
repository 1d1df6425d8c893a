package dev.eventloom.http.test;

public record Greeting(String message) {
}
