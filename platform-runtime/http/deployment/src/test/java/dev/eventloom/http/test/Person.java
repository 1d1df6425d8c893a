package dev.eventloom.http.test;

public record Person(String name) {
}
